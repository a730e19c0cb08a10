import { checkWebhookUrl, classifyAddress, isAllowedAddress } from './webhook-destination';
import { mayYieldWebhookEvent, webhookEventsOfAudit } from './webhook-events-of-audit';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './webhook-event-types';
import { DEFAULT_WEBHOOK_RETRY, nextWebhookRetryDelayMs, webhookRetrySchedule } from './webhook-retry';

const SYSTEM = '6f1c1c2e-1111-4222-8333-444455556666';
const ADA = { userId: '0b9d3c1e-aaaa-4bbb-8ccc-dddd00001111', label: 'ada@example.test' };

describe('webhook events derived from audit entries', () => {
  it('reports every stage change, without the free-text reason', () => {
    const events = webhookEventsOfAudit({
      eventType: 'ai_system.stage_changed',
      payload: { action: 'submit_for_approval', from: 'impact_assessment', to: 'approval', reason: 'private note' },
      actor: ADA,
      aiSystemId: SYSTEM,
    });
    expect(events).toEqual([
      { type: 'ai_system.stage_changed', data: { aiSystemId: SYSTEM, action: 'submit_for_approval', from: 'impact_assessment', to: 'approval', actor: { id: ADA.userId, label: ADA.label } } },
    ]);
  });

  it('adds round_settled to the stage change that ends an approval round', () => {
    const types = webhookEventsOfAudit({
      eventType: 'ai_system.stage_changed',
      payload: { action: 'approval_granted', from: 'approval', to: 'deployment', round: 2, outcome: 'approved' },
      actor: null,
      aiSystemId: SYSTEM,
    });
    expect(types.map((e) => e.type)).toEqual(['ai_system.stage_changed', 'approval.round_settled']);
    expect(types[1].data).toEqual({ aiSystemId: SYSTEM, subject: 'ai_system', round: 2, outcome: 'approved', stage: 'deployment' });
  });

  it('reports every rollback, and one that leaves no version running as a suspension too', () => {
    const rollback = webhookEventsOfAudit({
      eventType: 'ai_system.stage_changed',
      payload: { action: 'rollback', from: 'operation', to: 'rollback', fromVersion: '2.0', toVersion: '1.0' },
      actor: ADA,
      aiSystemId: SYSTEM,
    });
    expect(rollback.map((e) => e.type)).toEqual(['ai_system.stage_changed', 'ai_system.rolled_back']);
    expect(rollback[1].data).toEqual({ aiSystemId: SYSTEM, action: 'rollback', fromVersion: '2.0', toVersion: '1.0', actor: { id: ADA.userId, label: ADA.label } });
    const suspension = webhookEventsOfAudit({
      eventType: 'ai_system.stage_changed',
      payload: { action: 'review_rollback', from: 'periodic_review', to: 'rollback', fromVersion: '1.0', toVersion: null },
      actor: null,
      aiSystemId: SYSTEM,
    });
    expect(suspension.map((e) => e.type)).toEqual(['ai_system.stage_changed', 'ai_system.rolled_back', 'ai_system.suspended']);
    expect(suspension[2].data).toMatchObject({ fromVersion: '1.0', toVersion: null, actor: null });
  });

  it('sends an approval decision without its comment', () => {
    const [decided] = webhookEventsOfAudit({
      eventType: 'approval.decided',
      payload: { round: 1, step: 'governance', taskId: 't-1', decision: 'approve', comment: 'internal remark' },
      actor: ADA,
      aiSystemId: SYSTEM,
    });
    expect(decided).toEqual({
      type: 'approval.decided',
      data: { aiSystemId: SYSTEM, round: 1, step: 'governance', taskId: 't-1', decision: 'approve', actor: { id: ADA.userId, label: ADA.label } },
    });
  });

  it('maps incidents, overdue reviews and material-change rounds; other entries yield nothing', () => {
    expect(webhookEventsOfAudit({ eventType: 'incident_review.opened', payload: { eventId: 'e', pdcaItemId: 'p', fromVersion: '1', toVersion: null }, actor: null, aiSystemId: SYSTEM })[0].type).toBe('incident.opened');
    expect(webhookEventsOfAudit({ eventType: 'review.escalated', payload: { taskId: 't', cycle: 3 }, actor: null, aiSystemId: SYSTEM })[0]).toEqual({
      type: 'review.overdue',
      data: { aiSystemId: SYSTEM, taskId: 't', cycle: 3, escalated: true },
    });
    expect(webhookEventsOfAudit({ eventType: 'material_change.approved', payload: { changeId: 'c', version: '2', round: 3, outcome: 'approved', reason: 'x' }, actor: null, aiSystemId: SYSTEM })[0]).toEqual({
      type: 'approval.round_settled',
      data: { aiSystemId: SYSTEM, subject: 'material_change', changeId: 'c', version: '2', round: 3, outcome: 'approved', status: 'approved' },
    });
    // returned by a retirement: no round ended
    expect(webhookEventsOfAudit({ eventType: 'material_change.returned', payload: { changeId: 'c', reason: 'retiring' }, actor: null, aiSystemId: SYSTEM })).toEqual([]);
    expect(webhookEventsOfAudit({ eventType: 'approval.reminded', payload: {}, actor: null, aiSystemId: SYSTEM })).toEqual([]);
    expect(mayYieldWebhookEvent('approval.reminded')).toBe(false);
    expect(mayYieldWebhookEvent('ai_system.stage_changed')).toBe(true);
  });

  it('only yields types a subscription can ask for', () => {
    expect(isWebhookEventType('ai_system.stage_changed')).toBe(true);
    expect(isWebhookEventType('user.created')).toBe(false);
    expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(WEBHOOK_EVENT_TYPES.length);
  });
});

describe('webhook retry backoff', () => {
  const policy = { initialIntervalMs: 1000, maxIntervalMs: 5000, retryForMs: 20_000 };

  it('doubles from the initial interval up to the cap, within the window', () => {
    expect(webhookRetrySchedule(policy)).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(nextWebhookRetryDelayMs(policy, 1, 0)).toBe(1000);
    expect(nextWebhookRetryDelayMs(policy, 60, 0)).toBe(5000);
    expect(nextWebhookRetryDelayMs(policy, 2, 19_000)).toBeNull();
  });

  it('by default retries for a day with about thirty attempts, no wait above an hour', () => {
    const waits = webhookRetrySchedule(DEFAULT_WEBHOOK_RETRY);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(86_400_000);
    expect(Math.max(...waits)).toBe(3_600_000);
    expect(waits.length).toBeGreaterThan(20);
    expect(waits.length).toBeLessThan(40);
  });
});

describe('webhook destinations (SSRF)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link_local'],
    ['fd00::1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['93.184.216.34', 'public'],
    ['2606:4700::6810:84e5', 'public'],
    ['::ffff:93.184.216.34', 'public'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('takes names for names, not addresses', () => {
    expect(classifyAddress('example.com')).toBeNull();
    expect(classifyAddress('1.2.3')).toBeNull();
    expect(classifyAddress('1:2:3')).toBeNull();
  });

  it('accepts http and https URLs to public hosts, and private ones only when allowed', () => {
    expect(checkWebhookUrl('https://hooks.example.com/aigov', false)).toMatchObject({ ok: true });
    for (const url of ['http://127.0.0.1:8080/x', 'http://[::1]/x', 'http://localhost/x', 'http://api.localhost/x', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.5/', 'http://0.0.0.0/']) {
      expect(checkWebhookUrl(url, false)).toMatchObject({ ok: false, refusal: { field: 'url' } });
      expect(checkWebhookUrl(url, true)).toMatchObject({ ok: true });
    }
    expect(isAllowedAddress('127.0.0.1', false)).toBe(false);
    expect(isAllowedAddress('127.0.0.1', true)).toBe(true);
  });

  it('refuses other schemes, credentials and fragments whatever the setting', () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com', 'javascript:alert(1)', 'https://user:pw@example.com/', 'https://example.com/#x', 'not a url']) {
      expect(checkWebhookUrl(url, true)).toMatchObject({ ok: false });
    }
  });
});

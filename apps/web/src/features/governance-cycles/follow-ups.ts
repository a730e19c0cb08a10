import { dateInputToIso } from '../risks/risk-form';
import type { FollowUp } from './cycle-queries';
import type { FollowUpInput } from './FollowUpItems';

/** The form's decisions or findings as the API takes them (a due date becomes noon that day). */
export function toFollowUps(items: FollowUpInput[]): FollowUp[] {
  return items.map((item) => ({
    title: item.title.trim(),
    description: item.description,
    kind: item.kind as FollowUp['kind'],
    ownerId: item.ownerId,
    dueAt: item.dueAt ? dateInputToIso(item.dueAt) : '',
  }));
}

import { setHandler, uuid4 } from '@temporalio/workflow';
import { artifactDrift } from '@aigov/domain/artifact-ref';
import { recordDeploymentUpdate } from '../lifecycle.definitions';
import type { DeploymentInput } from '../lifecycle.types';
import { conflict } from '../refusal';
import type { LifecycleContext } from './lifecycle-context';

/**
 * Deployment: the first deployment of an approved version (deployment -> operation), a
 * redeployment after a rollback, and an approved material change replacing the running
 * version (operation stays operation). Each schedules the next periodic review.
 */
export function installDeploymentHandler(ctx: LifecycleContext): void {
  const { state } = ctx;

  /** Deploys an approved material change over the running version (stage stays 'operation'). */
  const deployChange = async ({ actor, version, environment, configuration, model, datasets }: DeploymentInput) => {
    const change = state.change!;
    state.approvedVersions.push(version);
    state.currentVersion = version;
    const policy = await ctx.tierPolicy();
    const applied = await ctx.transition('deploy_change', actor, `material change deployed (${change.kinds.join(', ')})`, {
      projection: {
        currentVersion: version,
        lastApprovedVersion: version,
        ...(change.newPurpose ? { purpose: change.newPurpose } : {}),
        ...(change.newAffectedGroups.length ? { affectedStakeholders: change.newAffectedGroups } : {}),
      },
      deployment: {
        id: uuid4(),
        version,
        environment,
        configuration,
        approvalRound: change.round ?? state.approvalRound,
        kind: 'deploy',
        model: model ?? change.model,
        datasets: datasets ?? change.datasets,
      },
      materialChangeUpdate: { id: change.id, status: 'deployed' },
      audit: [ctx.audit('deployment.recorded', actor, { version, environment, kind: 'deploy', changeId: change.id })],
      scheduleReviewIn: policy.review.cadence,
    });
    state.change = null;
    ctx.scheduleReview(applied);
    return ctx.view();
  };

  const recordDeploymentHandler = async (input: DeploymentInput) => {
    if (state.stage === 'operation') return deployChange(input);
    const { actor, version, environment, configuration, model, datasets } = input;
    const redeploy = state.stage === 'rollback';
    if (!redeploy && !state.approvedVersions.includes(version)) state.approvedVersions.push(version);
    state.currentVersion = version;
    const policy = await ctx.tierPolicy();
    const applied = await ctx.transition('deploy', actor, redeploy ? 'redeployed an approved version' : null, {
      projection: { currentVersion: version, lastApprovedVersion: state.approvedVersions[state.approvedVersions.length - 1] },
      deployment: {
        id: uuid4(),
        version,
        environment,
        configuration,
        approvalRound: state.approvalRound,
        kind: redeploy ? 'redeploy' : 'deploy',
        ...(model !== undefined ? { model } : {}),
        ...(datasets !== undefined ? { datasets } : {}),
      },
      audit: [ctx.audit('deployment.recorded', actor, { version, environment, kind: redeploy ? 'redeploy' : 'deploy' })],
      scheduleReviewIn: policy.review.cadence,
    });
    ctx.scheduleReview(applied);
    return ctx.view();
  };

  setHandler(
    recordDeploymentUpdate,
    recordDeploymentHandler,
    {
      validator: ({ version, model, datasets }) => {
        if (state.stage === 'operation') {
          const change = state.change;
          if (!change || change.status !== 'approved') {
            return conflict(
              `version '${version}' is not approved: while '${state.currentVersion}' runs, a new model, data, purpose or affected group ` +
                `needs a material change (POST /api/v1/ai-systems/${state.systemId}/changes), re-assessed and approved${change ? `; change ${change.id} is in '${change.status}'` : ''}`,
              'version',
            );
          }
          if (version !== change.version) conflict(`the approved material change deploys as version '${change.version}', not '${version}'`, 'version');
          const drift = artifactDrift(
            { model: change.model, datasets: change.datasets },
            { model: model === undefined ? change.model : model, datasets: datasets ?? change.datasets },
          );
          if (drift) conflict(drift.reason.replace('this version was deployed with', 'the approved change names'), drift.field);
          return;
        }
        ctx.requireAction('deploy');
        if (state.stage === 'rollback' && !state.approvedVersions.includes(version)) {
          if (state.change?.status === 'approved' && state.change.version === version) {
            // The change was approved against the running system; it replaces a running version.
            conflict(
              `version '${version}' is an approved material change: redeploy one of ${state.approvedVersions.join(', ')} first, then deploy the change from operation`,
              'version',
            );
          }
          conflict(
            `version '${version}' was never approved; approved versions: ${state.approvedVersions.join(', ') || 'none'}`,
            'version',
          );
        }
      },
    },
  );
}

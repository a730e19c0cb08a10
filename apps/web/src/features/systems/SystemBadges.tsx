import { humanize } from '../../app/format';

/** Where a system stands: its lifecycle stage, as a badge coloured by how far along it is. */
export function StageBadge({ stage }: { stage: string }) {
  return (
    <span className={`stage stage--${stage}`}>
      <span className="visually-hidden">Stage: </span>
      {humanize(stage)}
    </span>
  );
}

/** The risk tier the last assessment gave, or that there is none yet. */
export function TierBadge({ tier }: { tier: string | null }) {
  if (!tier) return <span className="tier tier--none">Not assessed</span>;
  return (
    <span className={`tier tier--${tier}`}>
      <span className="visually-hidden">Risk tier: </span>
      {humanize(tier)}
    </span>
  );
}

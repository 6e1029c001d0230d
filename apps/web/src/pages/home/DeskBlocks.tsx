import type { DeskView } from '@convergo/contracts';
import { DESK_BLOCK_SPECS } from './desk-blocks';
import { DeskBlockCard } from './DeskBlockCard';

/** The blocks the API gave, in the home page's order, two or three to a row. */
export function DeskBlocks({ desk }: { desk: DeskView }) {
  const present = DESK_BLOCK_SPECS.filter((spec) => desk.blocks[spec.key]);
  return (
    <ul className="row list-unstyled g-4">
      {present.map((spec) => (
        <li key={spec.key} className="col-12 col-md-6 col-xl-4">
          <DeskBlockCard block={desk.blocks[spec.key]!} spec={spec} />
        </li>
      ))}
    </ul>
  );
}

import type { MemberRef } from '@convergo/contracts';

/** "Name · Administration": who someone is in the room, the chat and the register. */
export function MemberName({ member }: { member: MemberRef }) {
  return (
    <>
      <span className="fw-semibold">{member.displayName}</span>
      {member.organizationName && <span className="text-muted small"> · {member.organizationName}</span>}
    </>
  );
}

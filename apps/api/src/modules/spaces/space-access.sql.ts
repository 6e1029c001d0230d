/**
 * The space as a member meets it (a SpaceAccessRecord), as a query. The spaces module owns it;
 * the hot statements of threads read it beside their own rows (`spaceAccessJson`), so that a
 * thread read, a page of posts or a reply needs no round trip for its access check, and hand the
 * record to `SpacesService.readableFrom` / `roomAccessFrom`, which decide.
 *
 * `spaceId` and `viewerId` are SQL expressions (a column or a parameter; `viewerId` may be NULL).
 */
export const spaceAccessSelect = (spaceId: string, viewerId: string): string => `
  SELECT s.id, s.name, s.visibility, s.lab_id AS "labId", s.lab_group_id AS "labGroupId",
         s.twinning_id AS "twinningId", sm.role AS "viewerRole"
    FROM spaces s
    LEFT JOIN space_members sm ON sm.space_id = s.id AND sm.member_id = ${viewerId}
   WHERE s.id = ${spaceId}`;

/** The same record as one json value (NULL when the space does not exist), for a select list. */
export const spaceAccessJson = (spaceId: string, viewerId: string): string =>
  `(SELECT to_json(sa) FROM (${spaceAccessSelect(spaceId, viewerId)}) sa)`;

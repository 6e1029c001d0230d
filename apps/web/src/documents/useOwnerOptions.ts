import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { DocumentOwner, SpaceView } from '@convergo/contracts';
import { useAuth } from '../auth/auth-context';
import { documentKeys, fetchOwnerSpaces, useOptionalOwners } from '../pages/documents/documents-api';

export interface OwnerOption {
  /** `<type>:<id>`, as the library's `owner` filter takes it. */
  value: string;
  label: string;
}

export const ownerValue = (owner: DocumentOwner) => `${owner.type}:${owner.id}`;

export function parseOwner(value: string): DocumentOwner | null {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) return null;
  return { type: value.slice(0, at), id: value.slice(at + 1) };
}

/**
 * Where the member may keep a document: their drafts, the spaces they can read (whoever reads a
 * space co-edits its documents) and the labs and twinnings they take part in, when deployed.
 */
export function useOwnerOptions(): { options: OwnerOption[]; spaces: SpaceView[] } {
  const { t } = useTranslation();
  const { member } = useAuth();
  const spaces = useQuery({
    queryKey: documentKeys.ownerSpaces,
    queryFn: ({ signal }) => fetchOwnerSpaces(signal),
    staleTime: 60_000,
  });
  const { labs, twinnings } = useOptionalOwners();
  const options: OwnerOption[] = [];
  if (member) options.push({ value: `member:${member.id}`, label: t('documents.owner.myDrafts') });
  for (const space of spaces.data?.items ?? [])
    options.push({ value: `space:${space.id}`, label: t('documents.owner.space', { name: space.name }) });
  for (const lab of labs)
    options.push({ value: `lab:${lab.id}`, label: t('documents.owner.lab', { name: lab.title }) });
  for (const twinning of twinnings)
    options.push({
      value: `twinning:${twinning.id}`,
      label: t('documents.owner.twinning', { name: twinning.title }),
    });
  return { options, spaces: spaces.data?.items ?? [] };
}

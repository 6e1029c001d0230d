import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  SPACE_DESCRIPTION_MAX_LENGTH,
  SPACE_NAME_MAX_LENGTH,
  CREATABLE_SPACE_VISIBILITIES,
  type SpaceView,
  type SpaceVisibility,
} from '@convergo/contracts';
import { toApiError, type ApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { SelectField, TextAreaField, TextField } from '../../components/form';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { SearchForm } from '../../components/SearchForm';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { communityKeys, createSpace, fetchLabsForPicker, fetchSpacesPage } from './community-api';
import { ResultCard } from '../../components/ResultCard';

const PAGE_SIZE = 20;

/** Badge colour of each visibility: open, reserved to invited members, to a lab, to a group and its tutors. */
const VISIBILITY_BADGE: Record<SpaceVisibility, string> = {
  public: 'bg-success',
  private: 'bg-secondary',
  lab: 'bg-primary',
  coaching: 'bg-dark',
  twinning: 'bg-dark',
};

/** `/spazi`: the spaces the member may read, with a search over every thread. */
export function SpacesPage() {
  const { t } = useTranslation();
  usePageTitle(t('community.title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const { member } = useAuth();
  const createsSpaces = member?.role === 'moderator' || member?.role === 'admin';
  const listRef = useRef<HTMLUListElement>(null);

  const spaces = useInfiniteQuery({
    queryKey: communityKeys.spaces,
    queryFn: ({ pageParam, signal }) => fetchSpacesPage(PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = spaces.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1 className="mb-2">{t('community.title')}</h1>
      <p className="lead mb-4">{t('community.spacesLead')}</p>
      <SearchForm
        id="community-q"
        formLabel={t('community.searchLabel')}
        label={t('community.searchQ')}
        initial=""
        maxLength={200}
        onSearch={(words) => {
          if (words) void navigate(`/cerca?q=${encodeURIComponent(words)}`);
        }}
      />

      <h2 className="h3">{t('community.spacesList')}</h2>
      <ListStatus query={spaces} count={items.length} empty={t('community.noSpaces')} />
      {items.length > 0 && (
        <ul ref={listRef} className="row list-unstyled g-3" aria-label={t('community.spacesList')}>
          {items.map((space, index) => (
            <li key={space.id} className="col-12 col-lg-6">
              <ResultCard index={index} title={space.name} to={`/spazi/${space.id}`} level={3}>
                <p className="mb-2">
                  <span className={`badge ${VISIBILITY_BADGE[space.visibility]} me-2`}>
                    {t(`community.visibility.${space.visibility}`)}
                  </span>
                  <span className="small">{t('community.threadCount', { count: space.threadCount })}</span>
                </p>
                {space.description && <p className="mb-1">{space.description}</p>}
                {space.lastActivityAt && (
                  <p className="mb-0 small text-muted">
                    {t('community.lastActivity', { when: format.dateTime(space.lastActivityAt) })}
                  </p>
                )}
              </ResultCard>
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={spaces.hasNextPage}
        loading={spaces.isFetchingNextPage}
        onLoadMore={() => void spaces.fetchNextPage()}
      />
      {createsSpaces && <NewSpaceForm />}
    </>
  );
}

/** For moderators and admins: a new space, public, reserved, or reserved to a lab's participants. */
function NewSpaceForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<SpaceVisibility>('public');
  const [labId, setLabId] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const labs = useQuery({
    queryKey: communityKeys.labPicker,
    queryFn: ({ signal }) => fetchLabsForPicker(signal),
    enabled: visibility === 'lab',
  });
  const fields: FormFields = {
    name: { id: 'space-name', label: t('community.newSpace.name') },
    description: { id: 'space-description', label: t('community.newSpace.description') },
    visibility: { id: 'space-visibility', label: t('community.newSpace.visibility') },
    labId: { id: 'space-lab', label: t('community.newSpace.lab') },
  };
  const create = useMutation<SpaceView, ApiError>({
    mutationFn: () =>
      createSpace({
        name: name.trim(),
        description: description.trim(),
        visibility,
        ...(visibility === 'lab' ? { labId } : {}),
      }),
    onSuccess: (space) => {
      void queryClient.invalidateQueries({ queryKey: communityKeys.spaces });
      void navigate(`/spazi/${space.id}`);
    },
  });
  const errors = fieldErrorMessages(create.error, t, fields, clientErrors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('form.required');
    if (visibility === 'lab' && !labId) found.labId = t('form.required');
    setClientErrors(found);
    if (Object.keys(found).length === 0) create.mutate();
  };
  return (
    <section aria-labelledby="new-space-title" className="mt-5">
      <h2 id="new-space-title" className="h3">
        {t('community.newSpace.title')}
      </h2>
      <form noValidate onSubmit={submit} aria-labelledby="new-space-title">
        <ErrorSummary error={create.error} clientErrors={clientErrors} fields={fields} />
        <TextField
          id="space-name"
          label={t('community.newSpace.name')}
          value={name}
          onValueChange={setName}
          maxLength={SPACE_NAME_MAX_LENGTH}
          required
          error={errors.name}
        />
        <TextAreaField
          id="space-description"
          label={t('community.newSpace.description')}
          value={description}
          onValueChange={setDescription}
          maxLength={SPACE_DESCRIPTION_MAX_LENGTH}
          rows={3}
          error={errors.description}
        />
        <SelectField
          id="space-visibility"
          label={t('community.newSpace.visibility')}
          value={visibility}
          onValueChange={(value) => setVisibility(value as SpaceVisibility)}
          options={CREATABLE_SPACE_VISIBILITIES.map((v) => ({
            value: v,
            label: t(`community.visibility.${v}`),
          }))}
          hint={t(`community.newSpace.visibilityHint.${visibility}`)}
          required
          error={errors.visibility}
        />
        {visibility === 'lab' && (
          <>
            <SelectField
              id="space-lab"
              label={t('community.newSpace.lab')}
              value={labId}
              onValueChange={setLabId}
              emptyLabel={t('community.newSpace.chooseLab')}
              options={(labs.data?.items ?? []).map((lab) => ({
                value: lab.id,
                label: t('community.newSpace.labOption', { title: lab.title, ambito: lab.ambito }),
              }))}
              required
              error={errors.labId}
            />
            {labs.isSuccess && labs.data.items.length === 0 && <p>{t('community.newSpace.noLabs')}</p>}
            {labs.isError && (
              <ProblemAlert error={toApiError(labs.error)} onRetry={() => void labs.refetch()} />
            )}
          </>
        )}
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('community.newSpace.submit')}
        </button>
      </form>
    </section>
  );
}

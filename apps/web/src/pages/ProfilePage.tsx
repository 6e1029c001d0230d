import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MemberView } from '@convergo/contracts';
import { toApiError } from '../api/problem';
import { ME_QUERY_KEY, useAuth } from '../auth/auth-context';
import { SelectField, TextAreaField, TextField } from '../components/form';
import { ErrorSummary } from '../components/ProblemAlert';
import { fieldErrorMessages } from '../components/field-errors';
import { usePageTitle } from '../components/usePageTitle';
import { useFormatters } from '../i18n/format';
import { isLanguage, setLanguage, type Language } from '../i18n';
import { kindLabel } from '../lib/organization-labels';
import { EmailPreferencesSection } from './EmailPreferencesSection';
import { updateProfile, type ProfileChanges } from './members/members-api';

const MAX_INTERESTS = 20;
const MAX_INTEREST_LENGTH = 60;

export function ProfilePage() {
  const { t } = useTranslation();
  const { member } = useAuth();
  usePageTitle(t('profile.title'));
  if (!member) return null;
  // The form starts from the member it was opened with; a change made elsewhere meanwhile
  // shows after the next visit (the API decides on conflicting saves).
  return <ProfileForm key={member.id} member={member} />;
}

function ProfileForm({ member }: { member: MemberView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(member.displayName);
  const [jobTitle, setJobTitle] = useState(member.jobTitle ?? '');
  const [bio, setBio] = useState(member.bio ?? '');
  const [interests, setInterests] = useState<string[]>(member.interests);
  const [newInterest, setNewInterest] = useState('');
  const [locale, setLocale] = useState<Language>(isLanguage(member.locale) ? member.locale : 'it');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const savedRef = useRef<HTMLDivElement>(null);
  const interestInputRef = useRef<HTMLInputElement>(null);

  const save = useMutation({
    mutationFn: (body: ProfileChanges) => updateProfile(body),
    onSuccess: (updated) => {
      queryClient.setQueryData(ME_QUERY_KEY, updated);
      if (isLanguage(updated.locale)) void setLanguage(updated.locale);
    },
  });

  useEffect(() => {
    if (save.isSuccess) savedRef.current?.focus();
  }, [save.isSuccess]);

  const fields = {
    displayName: { id: 'profile-name', label: t('profile.displayName') },
    jobTitle: { id: 'profile-job', label: t('profile.jobTitle') },
    bio: { id: 'profile-bio', label: t('profile.bio') },
    interests: { id: 'profile-interest', label: t('profile.interests') },
    locale: { id: 'profile-locale', label: t('profile.locale') },
  };

  const addInterest = () => {
    const value = newInterest.trim();
    if (!value) return;
    if (value.length > MAX_INTEREST_LENGTH) {
      setClientErrors({ interests: t('form.maxLength', { count: MAX_INTEREST_LENGTH }) });
      return;
    }
    if (interests.length >= MAX_INTERESTS) {
      setClientErrors({ interests: t('profile.tooManyInterests', { count: MAX_INTERESTS }) });
      return;
    }
    if (!interests.some((i) => i.toLocaleLowerCase() === value.toLocaleLowerCase())) {
      setInterests([...interests, value]);
    }
    setNewInterest('');
    setClientErrors({});
  };

  const removeInterest = (interest: string) => {
    setInterests(interests.filter((i) => i !== interest));
    interestInputRef.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const errors: Record<string, string> = {};
    if (displayName.trim().length < 2) errors.displayName = t('form.minLength', { count: 2 });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    save.mutate({
      displayName: displayName.trim(),
      jobTitle: jobTitle.trim() || null,
      bio: bio.trim() || null,
      interests,
      locale,
    });
  };

  const error = save.isError ? toApiError(save.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1 className="mb-4">{t('profile.title')}</h1>
        <p className="mb-4">
          <Link to="/presenze">{t('live.mine.link')}</Link>
        </p>
        <dl className="row mb-4">
          <dt className="col-sm-4">{t('profile.email')}</dt>
          <dd className="col-sm-8">{member.email}</dd>
          <dt className="col-sm-4">{t('profile.role')}</dt>
          <dd className="col-sm-8">{t(`roles.${member.role}`)}</dd>
          <dt className="col-sm-4">{t('profile.organization')}</dt>
          <dd className="col-sm-8">
            {member.organization
              ? `${member.organization.name} (${kindLabel(t, member.organization.kind)})`
              : t('profile.noOrganization')}
            {member.isReferent && <span className="badge bg-primary ms-2">{t('profile.referent')}</span>}
          </dd>
          <dt className="col-sm-4">{t('profile.memberSince')}</dt>
          <dd className="col-sm-8">{format.date(member.createdAt)}</dd>
        </dl>

        {save.isSuccess && !save.isPending && (
          <div ref={savedRef} tabIndex={-1} className="alert alert-success" role="status">
            {t('profile.saved')}
          </div>
        )}
        <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />

        <form onSubmit={submit} noValidate>
          <TextField
            id={fields.displayName.id}
            label={fields.displayName.label}
            autoComplete="name"
            required
            maxLength={120}
            value={displayName}
            onValueChange={setDisplayName}
            error={fieldErrors.displayName}
          />
          <TextField
            id={fields.jobTitle.id}
            label={fields.jobTitle.label}
            autoComplete="organization-title"
            maxLength={120}
            value={jobTitle}
            onValueChange={setJobTitle}
            error={fieldErrors.jobTitle}
          />
          <TextAreaField
            id={fields.bio.id}
            label={fields.bio.label}
            maxLength={2000}
            value={bio}
            onValueChange={setBio}
            error={fieldErrors.bio}
          />

          <fieldset className="mb-4">
            <legend className="h6 fw-semibold">{t('profile.interests')}</legend>
            {interests.length > 0 ? (
              <ul className="chip-list mb-3" aria-label={t('profile.interestList')}>
                {interests.map((interest) => (
                  <li key={interest}>
                    <span>{interest}</span>
                    <button
                      type="button"
                      className="btn btn-link btn-sm p-1"
                      aria-label={t('profile.removeInterest', { interest })}
                      onClick={() => removeInterest(interest)}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-muted">{t('profile.noInterests')}</p>
            )}
            <div className="d-flex gap-2 align-items-start">
              <div className="form-group flex-grow-1 mb-0">
                <label htmlFor={fields.interests.id} className="active">
                  {t('profile.addInterestLabel')}
                </label>
                <input
                  ref={interestInputRef}
                  id={fields.interests.id}
                  className={`form-control${fieldErrors.interests ? ' is-invalid' : ''}`}
                  value={newInterest}
                  maxLength={MAX_INTEREST_LENGTH}
                  aria-invalid={fieldErrors.interests ? true : undefined}
                  aria-describedby={
                    fieldErrors.interests ? `${fields.interests.id}-error` : `${fields.interests.id}-hint`
                  }
                  onChange={(event) => setNewInterest(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      addInterest();
                    }
                  }}
                />
                <small id={`${fields.interests.id}-hint`} className="form-text d-block">
                  {t('profile.interestHint')}
                </small>
                {fieldErrors.interests && (
                  <div id={`${fields.interests.id}-error`} className="invalid-feedback d-block">
                    {fieldErrors.interests}
                  </div>
                )}
              </div>
              <button type="button" className="btn btn-outline-primary mt-4" onClick={addInterest}>
                {t('profile.addInterest')}
              </button>
            </div>
          </fieldset>

          <SelectField
            id={fields.locale.id}
            label={fields.locale.label}
            value={locale}
            onValueChange={(value) => setLocale(isLanguage(value) ? value : 'it')}
            options={[
              { value: 'it', label: 'Italiano' },
              { value: 'en', label: 'English' },
            ]}
            error={fieldErrors.locale}
          />

          <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('profile.save')}
          </button>
        </form>
        <EmailPreferencesSection />
      </div>
    </div>
  );
}

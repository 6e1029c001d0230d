import { describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import { ApiError } from '../api/problem';
import en from '../i18n/en.json';
import italian from '../i18n/it.json';
import { apiFieldMessages, fieldErrorMessages } from './field-errors';

async function translator(lng: 'it' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { it: { translation: italian }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const problem = (errors: { field: string; message: string; code?: string }[]) =>
  new ApiError({ type: 'about:blank', title: 'Invalid request', status: 400, detail: '', errors });

const fields = {
  email: { id: 'e', label: 'Indirizzo e-mail' },
  displayName: { id: 'n', label: 'Nome e cognome' },
  interests: { id: 'i', label: 'Interessi' },
  password: { id: 'p', label: 'Password' },
};

describe('field errors by code', () => {
  it('words known rules in Italian with the label and the limit from the message', async () => {
    const t = await translator('it');
    const messages = fieldErrorMessages(
      problem([
        { field: 'email', message: 'email must be an email', code: 'isEmail' },
        {
          field: 'displayName',
          message: 'displayName must be shorter than or equal to 120 characters',
          code: 'isLength',
        },
        {
          field: 'interests',
          message: 'interests must contain no more than 20 elements',
          code: 'arrayMaxSize',
        },
        { field: 'password', message: 'must contain at least one letter and one digit', code: 'matches' },
        { field: 'extra', message: 'property extra should not exist', code: 'whitelistValidation' },
      ]),
      t,
      fields,
    );
    expect(messages).toEqual({
      email:
        'Il campo «Indirizzo e-mail» deve contenere un indirizzo e-mail valido, ad esempio nome.cognome@comune.it.',
      displayName: 'Il campo «Nome e cognome» può avere al massimo 120 caratteri.',
      interests: 'Il campo «Interessi» può contenere al massimo 20 elementi.',
      password: 'La password deve contenere almeno una lettera e una cifra.',
      extra: 'Il campo «extra» non è previsto da questo modulo: ricarica la pagina e riprova.',
    });
  });

  it('reads both limits of a length range, also from our own wording', async () => {
    const t = await translator('it');
    const messages = fieldErrorMessages(
      problem([
        { field: 'password', message: 'must be between 12 and 128 characters long', code: 'isLength' },
        {
          field: 'displayName',
          message:
            'displayName must be longer than or equal to 2 and shorter than or equal to 120 characters',
          code: 'isLength',
        },
      ]),
      t,
      fields,
    );
    expect(messages.password).toBe('Il campo «Password» deve avere da 12 a 128 caratteri.');
    expect(messages.displayName).toBe('Il campo «Nome e cognome» deve avere da 2 a 120 caratteri.');
  });

  it('falls back to the API message, without the property name, for an unknown code', async () => {
    const t = await translator('it');
    const messages = apiFieldMessages(
      problem([{ field: 'displayName', message: 'displayName is somehow wrong', code: 'isSomethingNew' }]),
      t,
      fields,
    );
    expect(messages.displayName).toEqual({ message: 'is somehow wrong', labelled: false });
  });

  it('words the same code in English', async () => {
    const t = await translator('en');
    const messages = fieldErrorMessages(
      problem([{ field: 'email', message: 'email must be an email', code: 'isEmail' }]),
      t,
      { email: { id: 'e', label: 'Work e-mail address' } },
    );
    expect(messages.email).toBe(
      '“Work e-mail address” must be a valid e-mail address, such as name.surname@agency.it.',
    );
  });

  it('lets errors found before sending win', async () => {
    const t = await translator('it');
    const messages = fieldErrorMessages(
      problem([{ field: 'email', message: 'email must be an email', code: 'isEmail' }]),
      t,
      fields,
      { email: 'Campo obbligatorio.' },
    );
    expect(messages.email).toBe('Campo obbligatorio.');
  });
});

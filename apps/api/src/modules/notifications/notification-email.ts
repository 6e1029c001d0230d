import type { NotificationView } from '@convergo/contracts';

export type MailLocale = 'it' | 'en';

export interface EmailRecipient {
  email: string;
  displayName: string;
  locale: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

type Item = Pick<NotificationView, 'kind' | 'data' | 'link'>;

/** Every user-supplied string goes through this before it reaches the HTML body. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function mailLocale(locale: string | null | undefined): MailLocale {
  return locale === 'en' ? 'en' : 'it';
}

function str(data: Item['data'], key: string, fallback: string): string {
  const value = data[key];
  if (value === null || value === undefined || value === '') return fallback;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** A session's start as people in Italy read it: "giovedì 14 gennaio 2027, 10:00" (Europe/Rome). */
function when(data: Item['data'], locale: MailLocale): string {
  const value = data.startsAt;
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return locale === 'it' ? 'data da definire' : 'date to be set';
  return new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: 'Europe/Rome',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(date);
}

/** ", luogo: Formez PA, Roma" when the session has a place. */
function place(data: Item['data'], locale: MailLocale): string {
  const value = str(data, 'place', '');
  if (!value) return '';
  return locale === 'it' ? `, luogo: ${value}` : `, place: ${value}`;
}

/** How a tutoring meeting happens: ", online: <link>", ", luogo: <place>" or the room in Convergo. */
function meetingPlace(data: Item['data'], locale: MailLocale): string {
  if (data.meeting === 'online' && data.onlineUrl) return `, online: ${str(data, 'onlineUrl', '')}`;
  if (data.meeting === 'in_presence') return place(data, locale);
  return locale === 'it' ? ', nella stanza di Convergo' : ', in its Convergo room';
}

/** "tra 1 ora" / "tomorrow"-like lead of a reminder, from its `minutesBefore`. */
function soon(data: Item['data'], locale: MailLocale): string {
  const minutes = Number(data.minutesBefore);
  const it = locale === 'it';
  if (!Number.isFinite(minutes) || minutes <= 0) return it ? 'a breve' : 'soon';
  if (minutes >= 1440 && minutes % 1440 === 0) {
    const days = minutes / 1440;
    if (it) return days === 1 ? 'tra un giorno' : `tra ${days} giorni`;
    return days === 1 ? 'in one day' : `in ${days} days`;
  }
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    if (it) return hours === 1 ? "tra un'ora" : `tra ${hours} ore`;
    return hours === 1 ? 'in one hour' : `in ${hours} hours`;
  }
  const rounded = Math.max(1, Math.round(minutes));
  if (it) return rounded === 1 ? 'tra un minuto' : `tra ${rounded} minuti`;
  return rounded === 1 ? 'in one minute' : `in ${rounded} minutes`;
}

/** One line saying what happened, in the reader's language (plain text: escape for HTML). */
export function headline(item: Item, locale: MailLocale): string {
  const it = locale === 'it';
  const d = item.data;
  const someone = it ? 'Qualcuno' : 'Someone';
  const author = str(d, 'authorName', someone);
  const title = str(d, 'threadTitle', it ? 'una discussione' : 'a discussion');
  const space = str(d, 'spaceName', it ? 'uno spazio' : 'a space');
  const session = str(d, 'sessionTitle', it ? 'una sessione' : 'a session');
  const lab = str(d, 'labTitle', it ? 'un laboratorio' : 'a lab');
  const tutor = str(d, 'tutorName', it ? 'il tutor' : 'the tutor');
  const member = str(d, 'memberName', someone);
  switch (item.kind) {
    case 'invitation_accepted':
      return it
        ? `${str(d, 'displayName', someone)} ha accettato il tuo invito su Convergo`
        : `${str(d, 'displayName', someone)} accepted your invitation to Convergo`;
    case 'access_request_approved':
      return it ? 'La tua richiesta di accesso è stata approvata' : 'Your access request was approved';
    case 'mention':
      return it ? `${author} ha fatto il tuo nome in «${title}»` : `${author} mentioned you in “${title}”`;
    case 'post_reply':
      return it
        ? `${author} ha risposto al tuo messaggio in «${title}»`
        : `${author} replied to your post in “${title}”`;
    case 'thread_reply':
      return it
        ? `${author} ha risposto alla tua discussione «${title}»`
        : `${author} replied to your discussion “${title}”`;
    case 'thread_post':
      return it ? `Nuovo messaggio di ${author} in «${title}»` : `New post by ${author} in “${title}”`;
    case 'space_thread':
      return it
        ? `Nuova discussione «${title}» in uno spazio che segui`
        : `New discussion “${title}” in a space you follow`;
    case 'post_hidden':
      return it
        ? `Un tuo messaggio in «${title}» è stato nascosto dalla moderazione`
        : `A moderator hid your post in “${title}”`;
    case 'space_added':
      return it ? `Ora fai parte dello spazio «${space}»` : `You were added to the space “${space}”`;
    case 'space_moderator_appointed':
      return it
        ? `Ti è stata affidata la moderazione dello spazio «${space}»`
        : `You are now a moderator of “${space}”`;
    case 'post_flagged':
      return it
        ? `Un messaggio in «${title}» è stato segnalato alla moderazione`
        : `A post in “${title}” was flagged to the moderators`;
    case 'moderation_warning':
      return it
        ? 'Hai ricevuto un avvertimento dalla moderazione'
        : 'You received a warning from the moderators';
    case 'member_suspended':
      return it ? 'Il tuo account è stato sospeso' : 'Your account was suspended';
    case 'member_unsuspended':
      return it ? 'La sospensione del tuo account è terminata' : 'Your account is no longer suspended';
    case 'lab_application_decided': {
      const accepted = d.decision === 'accepted';
      if (it)
        return accepted
          ? `La candidatura al laboratorio «${lab}» è stata accettata`
          : `La candidatura al laboratorio «${lab}» non è stata accolta`;
      return accepted
        ? `The application to the lab “${lab}” was accepted`
        : `The application to the lab “${lab}” was not accepted`;
    }
    case 'lab_enrolled': {
      return it
        ? `La tua iscrizione al laboratorio «${lab}» è confermata`
        : `You are enrolled in the lab “${lab}”`;
    }
    case 'deliverable_submitted': {
      const product = str(d, 'deliverableTitle', it ? 'un prodotto' : 'a deliverable');
      const group = str(d, 'groupName', it ? 'un gruppo' : 'a group');
      return it
        ? `Il gruppo «${group}» ha consegnato «${product}» per la revisione`
        : `The group “${group}” submitted “${product}” for review`;
    }
    case 'deliverable_reviewed': {
      const product = str(d, 'deliverableTitle', it ? 'un prodotto' : 'a deliverable');
      const approved = d.decision === 'approved';
      if (it)
        return approved
          ? `Il prodotto «${product}» è stato approvato`
          : `Sono state chieste modifiche al prodotto «${product}»`;
      return approved
        ? `The deliverable “${product}” was approved`
        : `The tutor requested changes to the deliverable “${product}”`;
    }
    case 'session_scheduled':
      return it
        ? `Nuova sessione «${session}» del laboratorio «${lab}»: ${when(d, locale)}`
        : `New session “${session}” of the lab “${lab}”: ${when(d, locale)}`;
    case 'session_changed':
      return it
        ? `La sessione «${session}» del laboratorio «${lab}» è cambiata: ora ${when(d, locale)}${place(d, locale)}`
        : `The session “${session}” of the lab “${lab}” changed: now ${when(d, locale)}${place(d, locale)}`;
    case 'session_cancelled':
      return it
        ? `La sessione «${session}» del laboratorio «${lab}» del ${when(d, locale)} è annullata`
        : `The session “${session}” of the lab “${lab}” on ${when(d, locale)} is cancelled`;
    case 'tutoring_booked':
      return it
        ? `Prenotazione confermata: tutoraggio con ${tutor} ${when(d, locale)}${meetingPlace(d, locale)}`
        : `Booking confirmed: tutoring with ${tutor} on ${when(d, locale)}${meetingPlace(d, locale)}`;
    case 'tutoring_booking_received':
      return it
        ? `${member} ha prenotato il tuo tutoraggio del ${when(d, locale)}`
        : `${member} booked your tutoring slot on ${when(d, locale)}`;
    case 'tutoring_booking_cancelled':
      return d.cancelledBy === 'tutor'
        ? it
          ? `${tutor} ha annullato la tua prenotazione del ${when(d, locale)}`
          : `${tutor} cancelled your booking on ${when(d, locale)}`
        : it
          ? `${member} ha annullato la prenotazione del ${when(d, locale)}`
          : `${member} cancelled the booking on ${when(d, locale)}`;
    case 'tutoring_slot_changed':
      return it
        ? `Il tutoraggio con ${tutor} è cambiato: ora ${when(d, locale)}${meetingPlace(d, locale)}`
        : `The tutoring with ${tutor} changed: now ${when(d, locale)}${meetingPlace(d, locale)}`;
    case 'tutoring_slot_cancelled':
      return it
        ? `Il tutoraggio con ${tutor} del ${when(d, locale)} è annullato`
        : `The tutoring with ${tutor} on ${when(d, locale)} is cancelled`;
    case 'tutoring_reminder': {
      // To a booker (with a bookingId) or to the tutor, who hears how many booked.
      const who = d.bookingId
        ? it
          ? `con ${tutor}`
          : `with ${tutor}`
        : it
          ? `(prenotazioni: ${str(d, 'bookedCount', '?')})`
          : `(bookings: ${str(d, 'bookedCount', '?')})`;
      return it
        ? `Promemoria: tutoraggio ${who} ${soon(d, locale)}, ${when(d, locale)}${meetingPlace(d, locale)}`
        : `Reminder: tutoring ${who} ${soon(d, locale)}, ${when(d, locale)}${meetingPlace(d, locale)}`;
    }
    case 'practice_published': {
      const practice = str(d, 'practiceTitle', it ? 'una buona pratica' : 'a good practice');
      return it
        ? `La buona pratica «${practice}» è stata pubblicata nel catalogo`
        : `The good practice “${practice}” was published in the catalogue`;
    }
    case 'practice_changes_requested': {
      const practice = str(d, 'practiceTitle', it ? 'una buona pratica' : 'a good practice');
      return it
        ? `La redazione ha chiesto modifiche alla buona pratica «${practice}»`
        : `The editors requested changes to the good practice “${practice}”`;
    }
    case 'twinning_status_changed': {
      const twinning = str(d, 'twinningTitle', it ? 'un gemellaggio' : 'a twinning');
      const status = str(d, 'status', '');
      const label = (it ? TWINNING_STATUS_IT : TWINNING_STATUS_EN)[status] ?? status;
      return it
        ? `Il gemellaggio «${twinning}» è passato allo stato «${label}»`
        : `The twinning “${twinning}” is now “${label}”`;
    }
    default:
      return it ? 'Hai una nuova notifica su Convergo' : 'You have a new notification on Convergo';
  }
}

const TWINNING_STATUS_IT: Record<string, string> = {
  candidatura: 'candidatura',
  selezionato: 'selezionato',
  in_corso: 'in corso',
  concluso: 'concluso',
  ritirato: 'ritirato',
};
const TWINNING_STATUS_EN: Record<string, string> = {
  candidatura: 'application',
  selezionato: 'selected',
  in_corso: 'in progress',
  concluso: 'concluded',
  ritirato: 'withdrawn',
};

/** A second line with the words people wrote (excerpt of the post, reason for hiding it). */
function detail(item: Item, locale: MailLocale): string | null {
  if (item.data.reason) {
    return `${locale === 'it' ? 'Motivo' : 'Reason'}: ${str(item.data, 'reason', '')}`;
  }
  if (item.data.topic) return `${locale === 'it' ? 'Argomento' : 'Topic'}: ${str(item.data, 'topic', '')}`;
  if (item.data.note) return `${locale === 'it' ? 'Nota' : 'Note'}: ${str(item.data, 'note', '')}`;
  if (item.data.excerpt) return str(item.data, 'excerpt', '');
  return null;
}

function absolute(publicUrl: string, link: string | null): string {
  const base = publicUrl.replace(/\/+$/, '');
  if (!link) return `${base}/`;
  return `${base}${link.startsWith('/') ? '' : '/'}${link}`;
}

const WORDS = {
  it: {
    greeting: (name: string) => `Ciao ${name},`,
    open: 'Apri su Convergo',
    digestSubject: (n: number) => (n === 1 ? 'Convergo: 1 nuova notifica' : `Convergo: ${n} nuove notifiche`),
    digestIntro: 'ecco cosa è successo nelle ultime 24 ore:',
    footer: 'Ricevi questa e-mail per le tue preferenze di notifica. Per cambiarle:',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    open: 'Open in Convergo',
    digestSubject: (n: number) =>
      n === 1 ? 'Convergo: 1 new notification' : `Convergo: ${n} new notifications`,
    digestIntro: 'here is what happened in the last 24 hours:',
    footer: 'You receive this e-mail because of your notification preferences. To change them:',
  },
} as const;

export const PREFERENCES_PATH = '/profilo#notifiche';

function layout(locale: MailLocale, name: string, bodyHtml: string, bodyText: string, publicUrl: string) {
  const w = WORDS[locale];
  const prefs = absolute(publicUrl, PREFERENCES_PATH);
  const text = `${w.greeting(name)}\n\n${bodyText}\n\n--\n${w.footer}\n${prefs}\n`;
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Convergo</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">` +
    `<p>${escapeHtml(w.greeting(name))}</p>${bodyHtml}` +
    `<hr><p style="font-size:small;color:#555">${escapeHtml(w.footer)} ` +
    `<a href="${escapeHtml(prefs)}">${escapeHtml(prefs)}</a></p></body></html>`;
  return { text, html };
}

/** The e-mail for one notification, sent at once. */
export function renderImmediate(recipient: EmailRecipient, item: Item, publicUrl: string): EmailContent {
  const locale = mailLocale(recipient.locale);
  const w = WORDS[locale];
  const line = headline(item, locale);
  const more = detail(item, locale);
  const url = absolute(publicUrl, item.link);
  const bodyText = `${line}\n${more ? `\n${more}\n` : ''}\n${w.open}: ${url}`;
  const bodyHtml =
    `<p><strong>${escapeHtml(line)}</strong></p>` +
    (more ? `<blockquote>${escapeHtml(more)}</blockquote>` : '') +
    `<p><a href="${escapeHtml(url)}">${escapeHtml(w.open)}</a></p>`;
  return { subject: line, ...layout(locale, recipient.displayName, bodyHtml, bodyText, publicUrl) };
}

/** One e-mail listing several notifications, oldest first. */
export function renderDigest(recipient: EmailRecipient, items: Item[], publicUrl: string): EmailContent {
  const locale = mailLocale(recipient.locale);
  const w = WORDS[locale];
  const lines = items.map((item) => ({ line: headline(item, locale), url: absolute(publicUrl, item.link) }));
  const bodyText = `${w.digestIntro}\n\n${lines.map((l) => `- ${l.line}\n  ${l.url}`).join('\n')}`;
  const bodyHtml =
    `<p>${escapeHtml(w.digestIntro)}</p><ul>` +
    lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.line)}</a></li>`).join('') +
    `</ul>`;
  return {
    subject: w.digestSubject(items.length),
    ...layout(locale, recipient.displayName, bodyHtml, bodyText, publicUrl),
  };
}

import type { ReactionEmoji } from '@convergo/contracts';
import { instantOf, wallClockAt } from '../../common/time-zone';
import { DEMO_TWINNING } from '../twinnings/twinnings.demo-data';

/** The demo accounts by a short name (see demo/demo-accounts.ts). */
export const DEMO_COMMUNITY_HANDLES = {
  admin: 'admin@convergo.demo',
  tutor: 'tutor@convergo.demo',
  moderatore: 'moderatore@convergo.demo',
  napoli: 'referente.napoli@convergo.demo',
  bari: 'funzionaria.bari@convergo.demo',
  palermo: 'funzionario.palermo@convergo.demo',
  reggio: 'funzionaria.reggio@convergo.demo',
} as const;
export type DemoHandle = keyof typeof DEMO_COMMUNITY_HANDLES;

export interface DemoPost {
  by: DemoHandle;
  /** Markdown; `@{handle}` becomes a real mention (`[@Name](member:<id>)`) when loaded. */
  body: string;
  /** The post this one quotes: 0 is the opening post, n the n-th reply. */
  replyTo?: number;
}

export interface DemoThread {
  /** The space by its name (spaces.demo-data.ts, or the demo lab's space). */
  space: string;
  title: string;
  tags: string[];
  by: DemoHandle;
  body: string;
  replies: DemoPost[];
  /** Post 0 is the opening post, n the n-th reply. */
  reactions: { post: number; emoji: ReactionEmoji; by: DemoHandle[] }[];
  /** A post flagged for the moderators, left waiting in their queue. */
  flag?: { post: number; by: DemoHandle; reason: string };
}

const RIASSETTO = "Piani di riassetto istituzionale e organizzativo dell'area metropolitana";
const PIANI_STRATEGICI = 'Piani strategici metropolitani';
const EDILIZIA = 'Semplificazione amministrativa in materia edilizia e urbanistica';
const COOPERAZIONE = 'Cooperazione internazionale';
const CITTADINI = 'Servizi ai cittadini';
const IMPRESE = 'Servizi alle imprese';
const DEMATERIALIZZAZIONE = 'Innovazione dei processi nella PA e dematerializzazione';
const SPC = 'Sistema pubblico di connettività';
const DATI = 'Patrimonio informativo pubblico';
const INTEROPERABILITA = 'Interoperabilità e cooperazione applicativa';
/** The demo lab's reserved space (labs.demo-data.ts, DEMO_LAB.spaceName). */
export const DEMO_LAB_SPACE_NAME = 'Laboratorio cooperazione internazionale — spazio del gruppo';
/** The demo twinning's private space, as the twinnings capability names it when it opens it. */
export const DEMO_TWINNING_SPACE_NAME = `Gemellaggio – ${DEMO_TWINNING.title}`;

/**
 * The conversations of the demo community: two threads in each demo space, one in the demo
 * twinning's private space and one in the demo lab's space, written as officials of the four Convergence regions would write them about
 * the programmes of the sources (Metropoli Strategiche, the Formez labs, POAT SI, PON Governance).
 */
export const DEMO_THREADS: readonly DemoThread[] = [
  {
    space: RIASSETTO,
    title: 'Uffici associati tra Città Metropolitana e Comuni: chi ha già firmato un accordo quadro?',
    tags: ['gestione associata', 'città metropolitana'],
    by: 'napoli',
    body:
      'Buongiorno a tutti. Stiamo preparando con la Città Metropolitana un accordo quadro per gestire in forma ' +
      'associata la centrale di committenza e l’ufficio europa con i Comuni dell’area. Il nodo è il personale: ' +
      'comando, distacco o convenzione ex art. 30 del TUEL?\n\nSe qualcuno ha già un testo approvato in Consiglio ' +
      'sarebbe prezioso vederlo.',
    replies: [
      {
        by: 'reggio',
        body:
          'Noi siamo partiti dalla convenzione ex art. 30, con un ente capofila e un comitato di indirizzo dei ' +
          'sindaci. Per il personale abbiamo scelto l’assegnazione funzionale al 50%: il comando a tempo pieno ' +
          'spaventava i dirigenti dei Comuni più piccoli. Appena ho il testo definitivo lo carico nei documenti.',
      },
      {
        by: 'palermo',
        body:
          'Confermo l’esperienza di Reggio. Aggiungo solo che conviene prevedere fin da subito il riparto dei ' +
          'costi in base agli abitanti e non agli atti gestiti: altrimenti a fine anno si litiga su ogni determina.',
        replyTo: 1,
      },
      {
        by: 'admin',
        body:
          'Ricordo che tra i materiali di Metropoli Strategiche ci sono schemi di convenzione già discussi con ' +
          'ANCI. Li stiamo raccogliendo in un’unica cartella dello spazio, così evitiamo di riscriverli ogni volta.',
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['napoli', 'bari'] },
      { post: 2, emoji: '💡', by: ['napoli', 'reggio'] },
      { post: 3, emoji: '🎉', by: ['napoli'] },
    ],
  },
  {
    space: RIASSETTO,
    title: 'Change management: come avete coinvolto i dipendenti nel nuovo organigramma?',
    tags: ['change management', 'organizzazione'],
    by: 'reggio',
    body:
      'Con il nuovo assetto dell’area metropolitana cambiano sei settori su dieci. Le schede sono pronte, ma le ' +
      'persone non sono convinte: molti temono di perdere le posizioni organizzative. Come avete gestito la ' +
      'comunicazione interna? Incontri per settore, questionari, altro?',
    replies: [
      {
        by: 'bari',
        body:
          'Da noi ha funzionato un percorso in tre incontri per settore, con il dirigente presente solo al terzo. ' +
          'Nei primi due i colleghi hanno scritto le attività che fanno davvero, e la nuova mappa dei processi è ' +
          'venuta fuori da lì. Più lento, ma le resistenze si sono ridotte molto.',
      },
      {
        by: 'napoli',
        body:
          'Concordo con Francesca. Noi abbiamo anche affiancato a ogni nuovo servizio un “referente del cambiamento” ' +
          'scelto tra i funzionari. @{moderatore} si potrebbe mettere in evidenza questa discussione? Credo ' +
          'interessi a molti Comuni dell’area.',
      },
      {
        by: 'moderatore',
        body:
          'Fatto, grazie per la segnalazione. Se vi va, raccogliamo le vostre esperienze in una scheda da pubblicare ' +
          'tra le buone pratiche della comunità.',
        replyTo: 2,
      },
    ],
    reactions: [
      { post: 1, emoji: '👏', by: ['reggio', 'napoli', 'palermo'] },
      { post: 3, emoji: '👍', by: ['reggio'] },
    ],
  },
  {
    space: PIANI_STRATEGICI,
    title: 'Piano strategico metropolitano e PON Metro: come evitare doppioni tra le schede progetto',
    tags: ['piano strategico', 'pon metro'],
    by: 'bari',
    body:
      'Stiamo aggiornando il piano strategico metropolitano e ci accorgiamo che diverse azioni sulla mobilità ' +
      'sostenibile sono già finanziate dal PON Metro. Qualcuno ha costruito una tabella di raccordo tra le linee ' +
      'del piano e gli assi del PON? @{admin} esiste un modello suggerito dall’Agenzia?',
    replies: [
      {
        by: 'admin',
        body:
          'Un modello unico non c’è, ma nelle riunioni di sorveglianza si è usata una matrice semplice: righe per ' +
          'obiettivo del piano, colonne per fonte di finanziamento (PON Metro, POR, risorse proprie). La condivido ' +
          'nella bozza di piano che trovate nei documenti dello spazio.',
      },
      {
        by: 'napoli',
        body:
          'Noi abbiamo aggiunto una colonna “stato di attuazione” aggiornata ogni trimestre: così la matrice è ' +
          'servita anche per la relazione annuale e non è rimasta un esercizio di stile.',
        replyTo: 1,
      },
      {
        by: 'palermo',
        body:
          'Utilissimo. Aggiungerei il CUP di ogni intervento: quando arrivano le richieste di monitoraggio è ' +
          'l’unico modo per non confondere progetti con titoli quasi uguali.',
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['bari', 'reggio', 'palermo'] },
      { post: 3, emoji: '💡', by: ['bari', 'admin'] },
    ],
  },
  {
    space: PIANI_STRATEGICI,
    title: 'Consultazione pubblica sul piano strategico: strumenti online che hanno funzionato',
    tags: ['partecipazione', 'piano strategico'],
    by: 'palermo',
    body:
      'A gennaio apriamo la consultazione pubblica sul piano. L’ultima volta abbiamo ricevuto quasi solo PEC di ' +
      'associazioni, pochissimi cittadini. Che strumenti avete usato per allargare la partecipazione?',
    replies: [
      {
        by: 'bari',
        body:
          'Un questionario breve (dieci domande al massimo) e tre incontri nei municipi, registrati e pubblicati. ' +
          'Le risposte online sono triplicate rispetto al piano precedente.',
      },
      {
        by: 'reggio',
        body:
          'Noi abbiamo pubblicato la bozza per capitoli, con la possibilità di commentare ogni capitolo. Attenzione ' +
          'però alla moderazione dei commenti: serve qualcuno che risponda, altrimenti la gente si scoraggia.',
      },
      {
        by: 'moderatore',
        body:
          'Se può servire, qui nella comunità possiamo aprire uno spazio dedicato alla consultazione, con le regole ' +
          'di partecipazione già scritte.',
        replyTo: 2,
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['palermo', 'napoli'] },
      { post: 2, emoji: '💡', by: ['palermo'] },
    ],
  },
  {
    space: EDILIZIA,
    title: 'Modulistica unificata edilizia: a che punto siete con il SUE telematico?',
    tags: ['sue', 'modulistica'],
    by: 'palermo',
    body:
      'Dal prossimo mese le pratiche edilizie arrivano solo dal portale. Ci mancano ancora i moduli regionali ' +
      'aggiornati per la SCIA alternativa al permesso di costruire. @{bari} a Bari li avete già pubblicati?',
    replies: [
      {
        by: 'bari',
        body:
          'Sì, li abbiamo pubblicati a settembre, partendo dalla modulistica unificata nazionale con le ' +
          'integrazioni regionali. Il lavoro più lungo è stato allineare gli allegati tecnici con l’ufficio ' +
          'urbanistica. Ti mando i file in privato.',
      },
      {
        by: 'napoli',
        body:
          'Un consiglio pratico: prevedete una verifica formale automatica degli allegati obbligatori. Da quando ' +
          'l’abbiamo attivata le richieste di integrazione sono diminuite di un terzo.',
      },
      {
        by: 'reggio',
        body:
          'Noi siamo indietro, ma questa discussione ci aiuta. Chiedo solo: avete coinvolto gli ordini ' +
          'professionali prima dell’avvio? Da noi geometri e architetti chiedono un periodo di prova.',
        replyTo: 1,
      },
    ],
    reactions: [
      { post: 1, emoji: '👏', by: ['palermo', 'reggio'] },
      { post: 2, emoji: '💡', by: ['palermo', 'bari'] },
    ],
  },
  {
    space: EDILIZIA,
    title: 'Conferenza di servizi semplificata in modalità asincrona: quali tempi reali?',
    tags: ['conferenza di servizi', 'semplificazione'],
    by: 'napoli',
    body:
      'La legge dice 45 giorni (90 per le amministrazioni preposte alla tutela), ma nella nostra esperienza i ' +
      'pareri della Soprintendenza arrivano quasi sempre a ridosso della scadenza. Come organizzate le ' +
      'conferenze asincrone per non perdere settimane?',
    replies: [
      {
        by: 'palermo',
        body:
          'Noi mandiamo insieme all’indizione una scheda di sintesi di due pagine, oltre agli elaborati. Gli uffici ' +
          'coinvolti ci hanno detto che così capiscono subito se il parere è di loro competenza.',
      },
      {
        by: 'reggio',
        body:
          'Aggiungo il calendario condiviso delle scadenze tra gli enti: sembra banale, ma ha ridotto le richieste ' +
          'di proroga.',
      },
    ],
    reactions: [{ post: 1, emoji: '👍', by: ['napoli', 'bari', 'reggio'] }],
  },
  {
    space: COOPERAZIONE,
    title: 'Macroaree di internazionalizzazione: condividiamo le scelte di ciascuna amministrazione',
    tags: ['laboratorio ambito a', 'macroaree'],
    by: 'tutor',
    body:
      'Come concordato nella prima giornata di laboratorio, vi chiedo di indicare qui le due o tre macroaree di ' +
      'internazionalizzazione che la vostra amministrazione ritiene prioritarie, con una riga di motivazione. ' +
      'Ci servono per impostare i quadri logici della prossima giornata.',
    replies: [
      {
        by: 'napoli',
        body:
          'Napoli: sviluppo economico e attrazione di investimenti (porto e logistica), cultura e turismo. La ' +
          'motivazione è la rete di gemellaggi già attiva con le città del Mediterraneo.',
      },
      {
        by: 'bari',
        body:
          'Bari: mobilità sostenibile e sviluppo urbano, con l’Albania e il Montenegro come paesi di riferimento. ' +
          'Abbiamo già un partenariato nato da un progetto di cooperazione transfrontaliera.',
      },
      {
        by: 'reggio',
        body:
          'Reggio Calabria: beni culturali e turismo. Ci interessa molto il confronto con chi ha lavorato con la ' +
          'Tunisia, dove abbiamo contatti con due municipalità.',
      },
      {
        by: 'palermo',
        body:
          'Palermo: servizi alle imprese e semplificazione, verso la sponda sud del Mediterraneo. Segnalo che il ' +
          'nostro ufficio internazionale è di due persone, quindi dobbiamo scegliere con realismo.',
      },
    ],
    reactions: [
      { post: 0, emoji: '👍', by: ['napoli', 'bari', 'reggio', 'palermo'] },
      { post: 2, emoji: '💡', by: ['tutor'] },
      { post: 4, emoji: '👏', by: ['tutor', 'bari'] },
    ],
  },
  {
    space: COOPERAZIONE,
    title: 'Partenariati con i Balcani occidentali: come costruire una lettera di intenti solida',
    tags: ['balcani occidentali', 'partenariati'],
    by: 'reggio',
    body:
      'Dobbiamo firmare una lettera di intenti con un comune albanese per un progetto sul turismo culturale. ' +
      'Il nostro segretario generale chiede che sia chiaro che non ci impegna finanziariamente. @{tutor} ' +
      'nel laboratorio avevi mostrato un modello: si può condividere?',
    replies: [
      {
        by: 'tutor',
        body:
          'Certo, lo carico tra i documenti del laboratorio. Gli elementi essenziali: obiettivi comuni, attività ' +
          'previste, ruoli delle parti, clausola esplicita di assenza di oneri finanziari, durata e referenti. ' +
          'Meglio una pagina chiara che cinque generiche.',
      },
      {
        by: 'bari',
        body:
          'Aggiungerei la lingua: noi l’abbiamo firmata in italiano, albanese e inglese, con l’inglese come ' +
          'versione che fa fede. Ha evitato discussioni sulla traduzione.',
        replyTo: 1,
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['reggio', 'bari', 'napoli'] },
      { post: 2, emoji: '💡', by: ['reggio', 'tutor'] },
    ],
  },
  {
    space: CITTADINI,
    title: 'Certificati anagrafici online dopo il subentro in ANPR: quanti accessi registrate?',
    tags: ['anpr', 'servizi online'],
    by: 'napoli',
    body:
      'Da quando i certificati si scaricano dal portale nazionale gli sportelli anagrafici sono meno affollati, ' +
      'ma restano molte richieste di certificati storici. Avete numeri sul calo degli accessi allo sportello?',
    replies: [
      {
        by: 'bari',
        body:
          'Da noi gli accessi per certificati sono scesi di circa il 40% in un anno. Gli storici restano allo ' +
          'sportello, ma li prenotiamo online: niente più code al mattino.',
      },
      {
        by: 'palermo',
        body:
          'Stessa tendenza. Vi faccio un esempio di pratica che ci arriva ancora allo sportello: il signor Giuseppe ' +
          'Russo, codice fiscale RSSGPP58C12G273K, residente in via Libertà, ha chiesto tre volte lo stesso ' +
          'certificato storico perché non trovava quello online.',
      },
      {
        by: 'reggio',
        body:
          'Noi abbiamo messo un assistente telefonico che guida al download dal portale: ha funzionato soprattutto ' +
          'con le persone più anziane.',
        replyTo: 1,
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['napoli', 'reggio'] },
      { post: 3, emoji: '💡', by: ['napoli', 'bari'] },
    ],
    flag: {
      post: 2,
      by: 'reggio',
      reason:
        'Il messaggio riporta nome, codice fiscale e indirizzo di un cittadino: andrebbe oscurato per la tutela dei dati personali.',
    },
  },
  {
    space: CITTADINI,
    title: 'PagoPA per le mense scolastiche: riconciliazione dei pagamenti',
    tags: ['pagopa', 'servizi scolastici'],
    by: 'bari',
    body:
      'Con il passaggio a PagoPA delle rette delle mense la ragioneria fatica a riconciliare i pagamenti con le ' +
      'singole posizioni debitorie. @{napoli} mi dicevi che a Napoli avete risolto con il nuovo gestionale: ' +
      'come avete impostato gli avvisi?',
    replies: [
      {
        by: 'napoli',
        body:
          'Un avviso per ogni bambino e per ogni mese, con lo IUV generato dal gestionale dei servizi scolastici. ' +
          'Il flusso di rendicontazione torna ogni notte e la riconciliazione è automatica nel 95% dei casi.',
      },
      {
        by: 'palermo',
        body:
          'Il restante 5% da noi sono quasi sempre pagamenti cumulativi fatti dai genitori per più figli. ' +
          'Conviene spiegarlo bene nella lettera alle famiglie.',
        replyTo: 1,
      },
    ],
    reactions: [
      { post: 1, emoji: '👏', by: ['bari', 'reggio'] },
      { post: 2, emoji: '👍', by: ['bari'] },
    ],
  },
  {
    space: IMPRESE,
    title: 'SUAP camerale o SUAP comunale: cosa conviene a un Comune capoluogo?',
    tags: ['suap', 'imprese'],
    by: 'palermo',
    body:
      'Stiamo valutando se aderire alla piattaforma camerale o rinnovare il contratto del nostro SUAP comunale. ' +
      'Il nodo sono le integrazioni con i gestionali dei tributi e della polizia municipale. Esperienze?',
    replies: [
      {
        by: 'bari',
        body:
          'Noi siamo passati alla piattaforma camerale due anni fa: meno costi di manutenzione, ma le integrazioni ' +
          'con i nostri gestionali le abbiamo dovute fare noi. Il bilancio complessivo resta positivo.',
      },
      {
        by: 'napoli',
        body:
          'Per un capoluogo grande valuterei bene i volumi: con migliaia di pratiche l’anno le personalizzazioni ' +
          'contano. Chiedete alla Camera di commercio i tempi medi di risposta dell’assistenza.',
      },
      {
        by: 'admin',
        body:
          'Segnalo che tra le buone pratiche POAT SI sui servizi alle imprese ci sono due esperienze di SUAP in ' +
          'forma associata con schede molto dettagliate sui costi: le trovate nel catalogo delle pratiche.',
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['palermo', 'reggio'] },
      { post: 3, emoji: '💡', by: ['palermo', 'bari', 'napoli'] },
    ],
  },
  {
    space: IMPRESE,
    title: 'Affidamento della nuova piattaforma SUAP: MePA o procedura aperta?',
    tags: ['appalti', 'suap'],
    by: 'reggio',
    body:
      'Il valore stimato per cinque anni supera di poco la soglia europea. L’ufficio gare propende per la ' +
      'procedura aperta, l’ufficio informatico per un accordo quadro già attivo. Come vi siete regolati?',
    replies: [
      {
        by: 'palermo',
        body:
          'Se c’è un accordo quadro Consip che copre il servizio, è la strada più rapida e meno esposta a ricorsi. ' +
          'Vi consiglio di leggere bene i servizi di migrazione dei dati inclusi, che spesso sono a parte.',
      },
      {
        by: 'bari',
        body:
          'Per la mia esperienza c’è un consulente bravissimo che ci ha seguito tutta la gara a un prezzo ' +
          'imbattibile: scrivetemi in privato e vi giro il suo numero di cellulare, fa anche sconti ai Comuni ' +
          'che vengono da parte mia!',
      },
      {
        by: 'napoli',
        body:
          'Noi abbiamo fatto una consultazione preliminare di mercato prima di decidere: ci ha chiarito i costi ' +
          'reali della migrazione e ha reso la gara più solida.',
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['reggio', 'napoli'] },
      { post: 3, emoji: '💡', by: ['reggio'] },
    ],
    flag: {
      post: 2,
      by: 'napoli',
      reason:
        'Sembra la promozione di un consulente privato, non pertinente alla discussione sulla procedura.',
    },
  },
  {
    space: DEMATERIALIZZAZIONE,
    title: 'Conservazione digitale dei fascicoli: affidarla a un conservatore o farla in casa?',
    tags: ['conservazione digitale', 'dematerializzazione'],
    by: 'bari',
    body:
      'Il protocollo informatico è a regime, ma la conservazione dei fascicoli è ancora in parte su carta. ' +
      'Stiamo valutando un conservatore accreditato. Quali clausole avete messo nel contratto per la ' +
      'restituzione dei pacchetti a fine servizio?',
    replies: [
      {
        by: 'napoli',
        body:
          'La clausola più importante per noi: restituzione di tutti i pacchetti di archiviazione in formato ' +
          'standard entro 60 giorni, senza costi aggiuntivi. E una prova di restituzione a metà contratto.',
      },
      {
        by: 'palermo',
        body:
          'Aggiungo il manuale di conservazione: va aggiornato insieme al conservatore, non copiato dal suo. Ce ne ' +
          'siamo accorti alla prima verifica.',
      },
      {
        by: 'tutor',
        body:
          'Tema che torna spesso anche nei laboratori: se vi va, possiamo dedicarci mezz’ora del prossimo incontro ' +
          'di tutoraggio a distanza.',
      },
    ],
    reactions: [
      { post: 1, emoji: '💡', by: ['bari', 'reggio', 'palermo'] },
      { post: 2, emoji: '👍', by: ['bari'] },
    ],
  },
  {
    space: DEMATERIALIZZAZIONE,
    title:
      'Rendicontazione dei fondi europei: fascicolo elettronico di progetto e controlli di primo livello',
    tags: ['fondi europei', 'rendicontazione'],
    by: 'admin',
    body:
      'In vista della chiusura della programmazione raccogliamo le esperienze sul fascicolo elettronico di ' +
      'progetto: come organizzate gli atti di spesa perché i controlli di primo livello non richiedano di ' +
      'riprodurre tutto su carta?',
    replies: [
      {
        by: 'reggio',
        body:
          'Un fascicolo per CUP, con la stessa struttura di cartelle per tutti i progetti: atti di programmazione, ' +
          'procedura di affidamento, contratto, SAL e pagamenti. I controllori sanno dove cercare.',
      },
      {
        by: 'bari',
        body:
          'E i mandati quietanzati esportati direttamente dalla contabilità in PDF/A, con il collegamento al ' +
          'CUP. Abbiamo eliminato le stampe firmate a mano.',
      },
      {
        by: 'napoli',
        body:
          'Confermo tutto. Un punto dolente resta la documentazione delle spese di personale: i timesheet ' +
          'firmati digitalmente ogni mese ci hanno salvato all’ultimo audit.',
        replyTo: 1,
      },
    ],
    reactions: [
      { post: 1, emoji: '👏', by: ['admin', 'palermo'] },
      { post: 3, emoji: '👍', by: ['admin', 'reggio'] },
    ],
  },
  {
    space: SPC,
    title: 'Migrazione al cloud qualificato: esperienze con i contratti quadro',
    tags: ['cloud', 'spc'],
    by: 'reggio',
    body:
      'Dobbiamo migrare i servizi del nostro piccolo data center entro l’anno. Qualcuno ha già usato i contratti ' +
      'quadro per i servizi cloud? Ci interessa soprattutto capire i tempi di attivazione.',
    replies: [
      {
        by: 'palermo',
        body:
          'Sì, tre mesi dall’adesione alla messa in esercizio della prima applicazione. Il collo di bottiglia è ' +
          'stato il censimento delle applicazioni, non il fornitore: fatelo prima.',
      },
      {
        by: 'napoli',
        body:
          'Concordo sul censimento. Noi abbiamo diviso le applicazioni in tre gruppi: da migrare subito, da ' +
          'riscrivere, da dismettere. L’ultimo gruppo era più grande del previsto.',
      },
    ],
    reactions: [{ post: 1, emoji: '👍', by: ['reggio', 'bari', 'napoli'] }],
  },
  {
    space: SPC,
    title: 'Connettività delle sedi decentrate dopo il rinnovo del contratto',
    tags: ['connettività', 'sedi decentrate'],
    by: 'napoli',
    body:
      'Con il rinnovo della connettività abbiamo dovuto scegliere quali sedi periferiche portare in fibra. ' +
      'Le biblioteche di quartiere sono rimaste con collegamenti lenti. Come avete stabilito le priorità?',
    replies: [
      {
        by: 'bari',
        body:
          'Abbiamo dato priorità alle sedi con sportelli al pubblico, poi a quelle con più postazioni. Le ' +
          'biblioteche le abbiamo collegate con il progetto di wi-fi pubblico, condividendo la linea.',
      },
      {
        by: 'reggio',
        body: 'Scelta sensata. Noi stiamo valutando la stessa soluzione per le delegazioni municipali.',
        replyTo: 1,
      },
    ],
    reactions: [{ post: 1, emoji: '💡', by: ['napoli', 'reggio'] }],
  },
  {
    space: DATI,
    title: 'Open data comunali: quali dataset pubblicare per primi?',
    tags: ['open data', 'trasparenza'],
    by: 'palermo',
    body:
      'Dobbiamo pubblicare il primo lotto di dataset entro marzo. Pensavamo a bilancio, contratti pubblici e ' +
      'orari degli uffici. @{reggio} voi con quali avete cominciato?',
    replies: [
      {
        by: 'reggio',
        body:
          'Noi con bilancio, elenco dei beni culturali e strutture ricettive: erano i dati che ci chiedevano di ' +
          'più le associazioni e gli operatori turistici.',
      },
      {
        by: 'bari',
        body:
          'Consiglio di partire da dati che l’ente aggiorna già per altri obblighi, così la pubblicazione non ' +
          'diventa un lavoro in più. I contratti pubblici sono perfetti per questo.',
      },
      {
        by: 'admin',
        body:
          'Ottima impostazione. Ricordate di pubblicare anche i metadati secondo il profilo nazionale, così i ' +
          'dataset vengono raccolti dal catalogo nazionale senza lavoro aggiuntivo.',
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['palermo', 'napoli'] },
      { post: 2, emoji: '💡', by: ['palermo', 'reggio'] },
    ],
  },
  {
    space: DATI,
    title: 'Licenze per il riuso dei dati: CC BY 4.0 per tutto?',
    tags: ['licenze', 'riuso'],
    by: 'bari',
    body:
      'Il nostro regolamento sugli open data cita ancora la IODL 2.0. Le linee guida nazionali indicano la ' +
      'CC BY 4.0 come licenza di riferimento. Avete già modificato i regolamenti, o basta una determina?',
    replies: [
      {
        by: 'napoli',
        body:
          'Noi abbiamo modificato il regolamento con delibera di Giunta, ma solo perché lo stavamo aggiornando per ' +
          'altri motivi. Per i nuovi dataset abbiamo già usato la CC BY 4.0 da subito.',
      },
      {
        by: 'palermo',
        body: 'Stessa scelta. I vecchi dataset li abbiamo ripubblicati con la nuova licenza alla prima revisione utile.',
      },
    ],
    reactions: [{ post: 1, emoji: '👍', by: ['bari', 'reggio'] }],
  },
  {
    space: INTEROPERABILITA,
    title: 'Cooperazione applicativa con l’anagrafe nazionale: esperienze con la PDND',
    tags: ['pdnd', 'interoperabilità'],
    by: 'napoli',
    body:
      'Stiamo pubblicando sulla Piattaforma Digitale Nazionale Dati il nostro primo e-service sulla tassa rifiuti. ' +
      '@{palermo} so che a Palermo siete già in esercizio: come avete gestito le richieste di fruizione?',
    replies: [
      {
        by: 'palermo',
        body:
          'Abbiamo definito una finalità per ogni ufficio fruitore e un referente tecnico unico. Le richieste ' +
          'arrivano tutte a lui, che le approva dopo aver sentito il responsabile del trattamento.',
      },
      {
        by: 'reggio',
        body:
          'Utile sapere. Noi ci stiamo arrivando adesso grazie al gemellaggio sulla cooperazione applicativa: ' +
          'è proprio uno dei temi del piano di lavoro.',
      },
      {
        by: 'bari',
        body:
          'Una cosa che abbiamo imparato: documentate bene gli e-service fin dall’inizio, con esempi di richiesta ' +
          'e risposta. Si risparmiano decine di e-mail con gli enti fruitori.',
        replyTo: 1,
      },
    ],
    reactions: [
      { post: 1, emoji: '👏', by: ['napoli', 'reggio', 'bari'] },
      { post: 3, emoji: '💡', by: ['napoli'] },
    ],
  },
  {
    space: INTEROPERABILITA,
    title: 'Gemellaggio sulla cooperazione applicativa: com’è andato il primo mese',
    tags: ['gemellaggi', 'poat si'],
    by: 'palermo',
    body:
      'Un primo bilancio del gemellaggio con l’amministrazione offerente: due visite di studio, l’analisi dei ' +
      'flussi tra anagrafe e tributi e la bozza del piano di lavoro, che stiamo scrivendo insieme a Reggio ' +
      'Calabria nei documenti del gemellaggio.',
    replies: [
      {
        by: 'reggio',
        body:
          'Confermo. La parte più utile finora è stata vedere come l’ente offerente ha organizzato il gruppo ' +
          'tecnico: poche persone, ma con un mandato chiaro del direttore generale.',
      },
      {
        by: 'admin',
        body:
          'Grazie per l’aggiornamento. Vi ricordo di registrare le attività nella scheda del gemellaggio: servono ' +
          'per gli indicatori del programma.',
      },
      {
        by: 'tutor',
        body:
          'Se volete, il modello di quadro logico che usiamo nel laboratorio si adatta bene anche al piano di ' +
          'lavoro del gemellaggio: obiettivi, risultati attesi, indicatori e rischi.',
      },
    ],
    reactions: [
      { post: 0, emoji: '🎉', by: ['reggio', 'admin', 'bari'] },
      { post: 3, emoji: '👍', by: ['palermo', 'reggio'] },
    ],
  },
  {
    space: DEMO_TWINNING_SPACE_NAME,
    title: 'Seconda visita di studio: date e partecipanti',
    tags: ['visite di studio', 'gemellaggi'],
    by: 'reggio',
    body:
      'L’amministrazione offerente ci propone due date per la seconda visita di studio, dedicata allo ' +
      'scambio dei dati tra anagrafe e tributi. Da Reggio Calabria verremmo in tre: il responsabile dei ' +
      'sistemi informativi, una collega dei tributi e io. Voi quante persone pensate di portare?',
    replies: [
      {
        by: 'palermo',
        body:
          'Da Palermo in due, io e il referente tecnico della PDND. Preferiamo la prima data: la seconda ' +
          'coincide con la scadenza del rendiconto.',
      },
      {
        by: 'admin',
        body:
          'Ricordate di registrare la visita tra le attività del gemellaggio e di caricare il verbale nei ' +
          'documenti: serve per la rendicontazione delle spese di missione.',
      },
      {
        by: 'reggio',
        body: 'Perfetto, confermo la prima data all’ente offerente e preparo io la bozza di agenda.',
        replyTo: 1,
      },
    ],
    reactions: [
      { post: 1, emoji: '👍', by: ['reggio'] },
      { post: 2, emoji: '👍', by: ['palermo', 'reggio'] },
    ],
  },
  {
    space: DEMO_LAB_SPACE_NAME,
    title: 'Quadro logico: osservazioni sulla prima stesura prima della giornata in presenza',
    tags: ['quadro logico', 'laboratorio ambito a'],
    by: 'tutor',
    body:
      'Ho letto la prima stesura del quadro logico. La logica di intervento regge, ma gli indicatori dei ' +
      'risultati sono ancora troppo generici: “aumento della capacità” non si misura. Vi ho lasciato i ' +
      'commenti direttamente nel documento. Ne parliamo nella sessione di oggi.',
    replies: [
      {
        by: 'bari',
        body:
          'Grazie Marco. Sugli indicatori proponiamo il numero di progetti di cooperazione presentati e il numero ' +
          'di funzionari formati: sono dati che raccogliamo già.',
      },
      {
        by: 'napoli',
        body:
          'Sono d’accordo con Francesca. Per le ipotesi e i rischi chiedo a ciascuno di scrivere almeno un rischio ' +
          'specifico della propria amministrazione, non solo quelli generali.',
        replyTo: 1,
      },
      {
        by: 'reggio',
        body: 'Aggiungo i nostri entro stasera. Ci vediamo alla sessione.',
      },
    ],
    reactions: [
      { post: 0, emoji: '👍', by: ['bari', 'napoli', 'reggio', 'palermo'] },
      { post: 1, emoji: '💡', by: ['tutor'] },
    ],
  },
];

export const DEMO_THREAD_COUNT = DEMO_THREADS.length;
/** Opening posts and replies. */
export const DEMO_POST_COUNT = DEMO_THREADS.reduce((sum, t) => sum + 1 + t.replies.length, 0);
export const DEMO_REACTION_COUNT = DEMO_THREADS.reduce(
  (sum, t) => sum + t.reactions.reduce((n, r) => n + r.by.length, 0),
  0,
);
export const DEMO_FLAG_COUNT = DEMO_THREADS.filter((t) => t.flag).length;

const ROME = 'Europe/Rome';
const HOUR = 3_600_000;

/**
 * When each post of the `index`-th demo thread was written, relative to the load: the threads
 * open over the past week in office hours, their replies a couple of hours apart; the lab's
 * thread, which speaks of today's session, in the last hours.
 */
export function demoPostDates(thread: DemoThread, index: number, now: Date): Date[] {
  const posts = 1 + thread.replies.length;
  if (thread.space === DEMO_LAB_SPACE_NAME) {
    return Array.from({ length: posts }, (_, i) => new Date(now.getTime() - (posts - i) * 0.75 * HOUR));
  }
  const day = wallClockAt(new Date(now.getTime() - (1 + ((index * 3) % 7)) * 24 * HOUR), ROME);
  const opened = instantOf({ ...day, hour: 9 + (index % 3), minute: (index * 17) % 60 }, ROME);
  return Array.from({ length: posts }, (_, i) => new Date(opened.getTime() + i * 2.25 * HOUR));
}

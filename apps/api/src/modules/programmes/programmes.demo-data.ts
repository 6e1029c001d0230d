import type { ProgrammeView } from '@convergo/contracts';

/**
 * The programmes of the demo world, built only from the source documents in
 * shared/domain/sources/*.txt (named beside each entry). A field the source does not state
 * is null (or empty): nothing here is guessed. Dates are stored only where the source gives
 * a day; where it gives years only ("Durata 2017-2019") they stay null and the description
 * quotes the years. Texts are the sources' Italian, with the apostrophes the PDF extraction
 * lost put back ("dellesperienza" → "dell'esperienza").
 */
export type DemoProgramme = Omit<ProgrammeView, 'id'>;

/** Source: agire-por-2007-2013.txt (project sheet: Programma, FONDO, Beneficiario, …). */
const AGIRE_POR: DemoProgramme = {
  code: 'agire-por-2007-2013',
  name: 'AGIRE POR 2007-2013',
  description: [
    'Il progetto AGIRE POR 2007-2013 ha promosso la cooperazione tra PA per la diffusione e la condivisione di alcune fra le più significative esperienze di innovazione realizzate nella Pubblica Amministrazione.',
    "Il progetto, avviato nel 2009 nel quadro del PON Governance e Assistenza Tecnica 2007-2013 e successivamente sostenuto attraverso il Programma di Azione e Coesione Complementare al PON Governance e Assistenza Tecnica 2007-2013, ha avuto come principale obiettivo il rafforzamento delle conoscenze e delle capacità di governo di Amministrazioni situate nei territori delle Regioni Convergenza (Calabria, Campania, Puglia e Sicilia) attraverso progetti di cooperazione con altre Amministrazioni dell'intero territorio nazionale.",
    "AGIRE POR 2007-2013 è stato uno strumento di riuso intelligente di esperienze individuate attraverso il coinvolgimento di Amministrazioni centrali e centri di competenza del sistema pubblico attivi nell'innovazione per la PA. Le Amministrazioni coinvolte nei gemellaggi sono state individuate attraverso l'azione di promozione, ricerca e selezione che l'Agenzia per la Coesione Territoriale ha realizzato in collaborazione con il Partenariato Istituzionale (Amministrazioni Centrali dello Stato, Università, Enti Pubblici, Regioni, Enti Locali).",
    "In molti casi i progetti sono stati in grado di risolvere criticità in modo efficace e relativamente veloce, favorendo un reale incremento dell'efficienza operativa interna delle Amministrazioni. Le Amministrazioni coinvolte hanno avuto l'opportunità non solo di acquisire il patrimonio conoscitivo e il know-how tecnologico più avanzato presente nel settore pubblico ma, altresì, di entrare in contatto con reti di Amministrazioni già attive da tempo nel territorio italiano.",
    'AGIRE POR 2007-2013 ha portato alla realizzazione di 17 progetti conclusi e 16 iniziative candidate che hanno visto complessivamente il coinvolgimento di oltre 100 Pubbliche Amministrazioni in molteplici ambiti strategici nello sviluppo territoriale, quali inclusione sociale, servizi alla persona, beni culturali, turismo, mobilità sostenibile, legalità, logistica, cultura, sviluppo urbano, gestione del territorio, innovazione tecnologica, sistemi gestionali della PA.',
    "Diversi i risultati raggiunti, quali lo sviluppo di soluzioni per la gestione della mobilità individuale, la definizione di manuali per la pianificazione delle aree logistico industriali, l'acquisizione di modelli per il dialogo fra PA e cittadini, la creazione di modalità innovative nella gestione dei servizi.",
    "In alcuni casi il partenariato istituzionale ha dato vita a interessanti sviluppi collaborativi quali l'Accordo fra l'Agenzia per la Coesione Territoriale e il Politecnico di Milano volto allo sviluppo e alla diffusione di soluzioni innovative per la PA nell'ambito della gestione dei Fondi strutturali e di investimento per il ciclo di programmazione 2014-2020.",
    'Al fine di condividere le esperienze realizzate e di creare un luogo dove rendere stabile la collaborazione fra le Amministrazioni coinvolte da AGIRE POR, e possibilmente di estenderla ad altre PA, nel 2014 è stata realizzata una piattaforma online - http://community-pon.dps.gov.it/agire-por/ - dove sono disponibili tutte le informazioni sulle iniziative realizzate.',
    'Territorio coinvolto nei progetti di cooperazione: intero territorio nazionale.',
  ].join('\n\n'),
  // The sheet names the PON GAT 2007-2013 and the complementary Programma di Azione e
  // Coesione that later supported it; the description says so.
  operationalProgramme: 'PON GAT 2007-2013',
  // FONDO: "Fondo Europeo di Sviluppo Regionale Fondo di Rotazione" (two funds).
  fund: 'FESR, Fondo di Rotazione',
  beneficiary: 'Agenzia per la Coesione Territoriale',
  totalBudget: '4044957.00', // Investimento Totale: Euro 4.044.957,00
  euCofinancing: '642584.82', // Cofinanziamento FESR: Euro 642.584,82
  startDate: '2009-01-01', // Inizio: 01/01/2009
  endDate: '2015-12-31', // Conclusione: 31/12/2015
  themes: [
    'Cooperazione tra Pubbliche Amministrazioni', // Tema
    // Ambiti strategici named in the description.
    'Inclusione sociale',
    'Servizi alla persona',
    'Beni culturali',
    'Turismo',
    'Mobilità sostenibile',
    'Legalità',
    'Logistica',
    'Cultura',
    'Sviluppo urbano',
    'Gestione del territorio',
    'Innovazione tecnologica',
    'Sistemi gestionali della PA',
  ],
  partners: ['Amministrazioni Centrali dello Stato', 'Università', 'Regioni', 'Enti Locali'], // Partenariato
  // Altri dati rilevanti: "33 iniziative 17 progetti di gemellaggio realizzati 16 start up di
  // progetti 35 operatori economici 100 PA coinvolte" — results of a concluded project.
  indicators: [
    { code: 'iniziative', label: 'Iniziative', target: null, achieved: 33 },
    {
      code: 'gemellaggi-realizzati',
      label: 'Progetti di gemellaggio realizzati',
      target: null,
      achieved: 17,
    },
    { code: 'start-up-progetti', label: 'Start up di progetti', target: null, achieved: 16 },
    { code: 'operatori-economici', label: 'Operatori economici', target: null, achieved: 35 },
    { code: 'pa-coinvolte', label: 'PA coinvolte', target: null, achieved: 100 },
  ],
};

/** Source: poat-si-buone-pratiche-gemellaggi.txt (FORUM PA, 18 settembre 2011). */
const POAT_SI: DemoProgramme = {
  code: 'poat-si',
  name: 'POAT SI',
  description: [
    "Il progetto POAT SI punta sulla costruzione di relazioni tra amministrazioni differenti per facilitare lo scambio di esperienze, conoscenze e metodologie tra amministrazioni e innescare meccanismi virtuosi di circolazione delle competenze, in modo da rafforzare le competenze delle quattro regioni dell'obiettivo Convergenza per quanto riguarda la progettazione e lo sviluppo di progetti riguardanti l'e-Government e la Società dell'Informazione. È portato avanti dal Dipartimento per la Digitalizzazione e l'Innovazione e da quello per lo Sviluppo e la Coesione Economica dell'Mse all'interno del PON GAT 2007-2013, Programma Operativo Nazionale \"Governance e Assistenza Tecnica\".",
    "La comunità di pratica del POAT SI, che a settembre 2011 contava circa 50 membri attivi tra dirigenti e funzionari delle PA locali del Mezzogiorno, ha il compito di agevolare la condivisione di informazioni e conoscenze e l'apprendimento continuo sui temi della Società dell'Informazione.",
    'La banca dati "Buone Pratiche e Gemellaggi", la cui presentazione era prevista a Lamezia Terme il 22 settembre 2011, censisce oltre 130 esperienze realizzate da amministrazioni pubbliche. Non serve solo come archivio dal quale "pescare" buone idee, ma soprattutto come punto di partenza per avviare attività di gemellaggio fra Amministrazioni offerenti, operanti nel territorio nazionale o comunitario, che abbiano realizzato esperienze significative e replicabili, e Amministrazioni riceventi operanti nelle regioni in obiettivo Convergenza: 130 buone prassi daranno vita ad altrettanti gemellaggi tra amministrazioni, per favorire lo scambio di competenze e impostare processi di apprendimento continuo negli enti pubblici del Mezzogiorno.',
  ].join('\n\n'),
  operationalProgramme: 'PON GAT 2007-2013',
  fund: null,
  beneficiary: null,
  totalBudget: null,
  euCofinancing: null,
  startDate: null,
  endDate: null,
  // The themes of the "Buone Pratiche e Gemellaggi" database.
  themes: [
    'Servizi ai cittadini',
    'Servizi alle imprese',
    'Innovazione dei processi nella PA e dematerializzazione',
    'Sistema pubblico di connettività',
    'Patrimonio informativo pubblico',
    'Interoperabilità e cooperazione applicativa',
  ],
  partners: [],
  indicators: [
    {
      code: 'esperienze-censite',
      label: 'Esperienze censite nella banca dati "Buone Pratiche e Gemellaggi" (oltre 130)',
      target: null,
      achieved: 130,
    },
    {
      code: 'gemellaggi',
      label: 'Gemellaggi tra amministrazioni nati dalle buone prassi',
      target: 130,
      achieved: null,
    },
    {
      code: 'membri-comunita-di-pratica',
      label: 'Membri attivi della comunità di pratica (circa, settembre 2011)',
      target: null,
      achieved: 50,
    },
  ],
};

/** Source: metropoli-strategiche.txt (project sheet and presentation). */
const METROPOLI_STRATEGICHE: DemoProgramme = {
  code: 'metropoli-strategiche',
  name: 'Metropoli Strategiche',
  description: [
    'Il progetto sostiene e accompagna i cambiamenti organizzativi e lo sviluppo delle competenze legate alle innovazioni istituzionali nelle Città Metropolitane.',
    'In particolare l\'intervento intende supportare il processo di ri-organizzazione delle città metropolitane mediante la realizzazione di interventi di "change management", la definizione e introduzione di politiche innovative coerenti con l\'implementazione della strategia di open government e con il riutilizzo dei dati e la trasparenza della PA -da attuare in sinergia con Agid-, in un\'ottica di semplificazione amministrativa, razionalizzazione e innovazione dei servizi, a partire da quelli "di sistema" per gli Enti Locali delle Città Metropolitane.',
    "Il progetto si basa sul coinvolgimento diretto, continuo e attivo delle strutture politiche e amministrative delle Città Metropolitane e dei Comuni al loro interno, sul contributo del Coordinamento dei Sindaci Metropolitani istituito in Anci e sulla forte integrazione con le azioni di capacity building che il Dipartimento della Funzione Pubblica, il Dipartimento per gli Affari Regionali e le Autonomie, l'Agenzia per la Coesione e l'Agenzia per l'Italia Digitale svilupperanno attraverso il PON Governance e il PON Metro a valere sugli stessi territori.",
    "Le aree tematiche di intervento sono tre e riguardano i Piani di riassetto istituzionale e organizzativo dell'area metropolitana, i Piani strategici metropolitani, la Semplificazione amministrativa in materia edilizia e urbanistica.",
    'Progetto a regia di Organismo Intermedio: Dipartimento della Funzione Pubblica. Durata: 2017-2019. Asse 3, Obiettivo Specifico 3.1, Azione 3.1.5. Contatti: metropolistrategiche@anci.it.',
  ].join('\n\n'),
  // The sheet gives Asse/Obiettivo/Azione but does not name the operational programme.
  operationalProgramme: null,
  fund: null,
  beneficiary: 'ANCI',
  totalBudget: '3660000.00', // Risorse: 3.660.000,00 euro
  euCofinancing: null,
  startDate: null, // Durata 2017-2019: years only
  endDate: null,
  themes: [
    "Piani di riassetto istituzionale e organizzativo dell'area metropolitana",
    'Piani strategici metropolitani',
    'Semplificazione amministrativa in materia edilizia e urbanistica',
  ],
  partners: [],
  indicators: [],
};

/** Source: officine-coesione.txt (news of the web conference of 1 July 2020). */
const OFFICINE_COESIONE: DemoProgramme = {
  code: 'officine-coesione',
  name: "Officine Coesione – Laboratorio per l'attuazione del Codice Europeo di condotta sul Partenariato",
  description: [
    "Un progetto del PON Governance e Capacità Istituzionale a supporto delle Amministrazioni per la valorizzazione dei Partenariati. Il nuovo percorso del progetto, nato dal lavoro del partenariato chiuso nel 2018, è stato riattivato ufficialmente dal 1° luglio 2020 con una videoconferenza organizzata dall'Agenzia per la Coesione Territoriale insieme al Laboratorio Permanente sul Partenariato, al team di progetto e con il supporto di Studiare Sviluppo.",
    'Gli obiettivi strategici di Officine Coesione sono principalmente due. Efficacia: realizzare politiche pubbliche capaci di dare risposte innovative e risolutive a nodi strutturali dello sviluppo. Efficienza: adottare processi di programmazione, attuazione, monitoraggio e valutazione delle politiche pubbliche che ne assicurino gli effetti.',
    'Attraverso queste due direttrici, si vogliono raggiungere gli obiettivi di: dare piena effettività al ruolo dei Partenariati; sviluppare pratiche per la costruzione partenariale delle politiche, dei programmi e degli interventi; accrescere la capacità dei partner istituzionali, politico economico sociali e della società civile e delle rispettive reti.',
    "Studiare Sviluppo, in qualità di soggetto attuatore, supporta l'Agenzia per la Coesione, Autorità di Gestione del PON Governance e Capacità Istituzionale 2014-2020 e beneficiario del Progetto, con un'azione di assistenza specialistica, tecnica e operativa, nell'ambito della Convenzione \"Officine Coesione – Laboratorio per l'attuazione del Codice Europeo di condotta sul Partenariato\" (2019-2022).",
  ].join('\n\n'),
  operationalProgramme: 'PON Governance e Capacità Istituzionale 2014-2020',
  fund: null,
  beneficiary: 'Agenzia per la Coesione Territoriale',
  totalBudget: null,
  euCofinancing: null,
  startDate: null, // the convention's page gives years only (2019-2022)
  endDate: null,
  themes: ['Valorizzazione dei Partenariati', 'Co-progettazione', 'Efficienza ed efficacia amministrativa'],
  partners: [],
  indicators: [],
};

/** Source: formez-laboratori-cooperazione-internazionale.txt (Formez slides). */
const FORMEZ_COOPERAZIONE_INTERNAZIONALE: DemoProgramme = {
  code: 'formez-laboratori-cooperazione-internazionale',
  name: 'Laboratori per la cooperazione internazionale (Formez)',
  description: [
    'Obiettivo generale del progetto: sviluppare processi di rafforzamento di reti a livello regionale e interregionale, con riferimento alla cooperazione internazionale verso i Balcani occidentali ed i Paesi della sponda sud del Mediterraneo.',
    "Il percorso consolida l'esperienza maturata nella prima fase del progetto, durante la quale si è inteso valorizzare e rafforzare la capacità delle nove amministrazioni coinvolte di farsi promotrici di una partecipazione consapevole e strutturata ad interventi di cooperazione; favorisce la diffusione di strumenti di multilevel governance e sviluppa una maggiore capacità delle amministrazioni di creare e consolidare reti tematico-geografiche e di programmazione degli investimenti per lo sviluppo.",
    "Le dimensioni dell'intervento: A - Laboratori sulle strategie, sulle competenze e sugli assetti organizzativi per la cooperazione internazionale (un nuovo gruppo di cinque amministrazioni provinciali); B - Laboratori specialistici per la costituzione di Tavoli territoriali per il rafforzamento delle attività di condivisione con gli attori locali; C - Laboratori interregionali per la creazione e il rafforzamento di iniziative internazionali.",
    'Il metodo: attività in presenza (Laboratori), tutoraggio a distanza, ambiente web (comunità professionale), che assicurerà un supporto specifico alle attività dei Laboratori rendendo fruibili ai gruppi di lavoro documenti e informazioni di natura tematica e geografica.',
    "Principali risultati attesi: aumentata capacità delle amministrazioni beneficiarie di realizzare azioni di cooperazione territoriale; piani strategici definiti, competenze tecniche acquisite e assetti organizzativi e procedurali disegnati che consentano una consapevole ed organizzata partecipazione di Amministrazioni comunali e provinciali delle 4 Regioni dell'Obiettivo Convergenza a programmi di cooperazione internazionale; creazione e rafforzamento, nei territori, di forme di collaborazione con altri Enti locali e attori tecnici; avvio di forme di collaborazione tra Amministrazioni di regioni diverse; valorizzazione e diffusione delle esperienze realizzate da pubbliche amministrazioni italiane.",
    'Ministero del Lavoro e delle Politiche Sociali - Programma Operativo PON Governance e Azioni di Sistema (FSE) 2007-2013 - Obiettivo 1 - Convergenza IT051PO006. Convenzione Dipartimento per la Funzione Pubblica - Formez.',
  ].join('\n\n'),
  operationalProgramme:
    'PON Governance e Azioni di Sistema (FSE) 2007-2013 - Obiettivo 1 - Convergenza IT051PO006',
  fund: 'FSE',
  beneficiary: null,
  totalBudget: null,
  euCofinancing: null,
  startDate: null,
  endDate: null,
  themes: [
    'Cooperazione internazionale',
    'Balcani occidentali',
    'Sponda sud del Mediterraneo',
    'Multilevel governance',
  ],
  partners: ['Dipartimento per la Funzione Pubblica', 'Formez'], // the convention's parties
  indicators: [
    {
      code: 'amministrazioni-prima-fase',
      label: 'Amministrazioni coinvolte nella prima fase del progetto',
      target: null,
      achieved: 9,
    },
    {
      code: 'amministrazioni-provinciali-ambito-a',
      label: "Nuove amministrazioni provinciali nei laboratori dell'Ambito A",
      target: 5,
      achieved: null,
    },
  ],
};

export const DEMO_PROGRAMMES: readonly DemoProgramme[] = [
  AGIRE_POR,
  POAT_SI,
  METROPOLI_STRATEGICHE,
  OFFICINE_COESIONE,
  FORMEZ_COOPERAZIONE_INTERNAZIONALE,
];

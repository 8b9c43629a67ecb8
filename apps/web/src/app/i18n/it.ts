/**
 * Italian UI texts: the reference language. `en.ts` must have exactly the same keys (checked by the
 * compiler through the `Translations` type).
 */
export const it = {
  app: {
    defaultTagline: 'Servizi di welfare per le famiglie',
    skipToContent: 'Vai al contenuto principale',
    settingsUnavailable:
      "Non è stato possibile caricare le informazioni dell'Ambito: il sito funziona, ma contatti ed elenco dei Comuni potrebbero mancare.",
    dismissAlert: 'Chiudi avviso',
  },
  header: {
    owner: 'Ufficio di Piano',
    ownerWebsite: "Sito dell'Ufficio di Piano (si apre in una nuova finestra)",
    language: 'Lingua',
    languageSwitch: 'Scegli la lingua',
    homeLink: 'pagina iniziale',
    search: 'Cerca',
    searchLink: 'Cerca servizi nel catalogo',
    openMenu: 'Apri il menu di navigazione',
    closeMenu: 'Chiudi il menu di navigazione',
    mainNav: 'Navigazione principale',
  },
  languages: {
    it: 'Italiano',
    en: 'English',
  },
  nav: {
    home: 'Home',
    catalogue: 'Catalogo',
    vouchers: 'I miei buoni',
    operators: 'Area operatori',
  },
  footer: {
    contacts: 'Contatti',
    email: 'Email',
    phone: 'Telefono',
    address: 'Indirizzo',
    website: 'Sito web',
    noContacts: 'I contatti non sono disponibili in questo momento.',
    comuni: "I Comuni dell'Ambito",
    noComuni: "L'elenco dei Comuni non è disponibile in questo momento.",
    sections: 'Sezioni',
    smallPrints: 'Informazioni sulla piattaforma',
    freeSoftware: '{{name}} funziona con Piazza, software libero con licenza AGPL-3.0.',
  },
  titles: {
    catalogue: 'Catalogo servizi',
    vouchers: 'I miei buoni',
    operators: 'Area operatori',
    notFound: 'Pagina non trovata',
  },
  families: {
    youcare: 'YouCare',
    childcare: 'ChildCare',
    silvercare: 'SilverCare',
    familycare: 'FamilyCare',
    housepetcare: 'House & Pet Care',
    countOne: '1 servizio',
    countOther: '{{count}} servizi',
    countNone: 'Nessun servizio per ora',
  },
  home: {
    heroTitle: 'Servizi per le famiglie, vicino a casa',
    heroLead:
      "Cerca servizi di cura, educazione e assistenza offerti da cooperative e associazioni dei Comuni dell'Ambito. Puoi pagarli con i buoni del tuo Comune o con carta.",
    searchLabel: 'Cosa cerchi?',
    searchPlaceholder: 'Per esempio: doposcuola, assistenza domiciliare, trasporto',
    searchButton: 'Cerca',
    startTitle: 'Da dove vuoi iniziare?',
    startCatalogueTitle: 'Cerca servizi',
    startCatalogueText:
      'Sfoglia il catalogo dei servizi per bambini, ragazzi, famiglie, anziani e per la casa.',
    startVouchersTitle: 'I miei buoni',
    startVouchersText:
      'Scopri cosa sono i buoni comunali, come si ottengono e come usarli per pagare i servizi.',
    startOperatorsTitle: 'Area operatori',
    startOperatorsText:
      'Per enti e cooperative, negozi convenzionati, servizi sociali dei Comuni e Ufficio di Piano.',
    familiesTitle: 'Le aree di servizio',
    familiesLead:
      "I servizi del catalogo sono raccolti in cinque aree. Scegline una per vedere cosa offre l'Ambito.",
    familiesCountUnavailable: 'Il numero dei servizi per area non è disponibile in questo momento.',
    comuniTitle: 'Cerca nel tuo Comune',
    comuniLead: 'Scegli il tuo Comune per vedere i servizi disponibili dove vivi.',
    howTitle: 'Come funziona',
    howStep1Title: 'Scegli un servizio',
    howStep1Text: 'Cerca nel catalogo per area, Comune o parola chiave e confronta prezzi e modalità.',
    howStep2Title: 'Paga con il buono o con carta',
    howStep2Text:
      'Se il tuo Comune ti ha assegnato un buono, usalo per pagare tutto o parte del servizio; il resto puoi pagarlo con carta.',
    howStep3Title: 'La cooperativa eroga il servizio',
    howStep3Text: "L'ente che offre il servizio conferma la richiesta e si accorda con te per svolgerlo.",
    helpTitle: 'Hai bisogno di aiuto?',
    helpText:
      'Nei Social Point dei Comuni gli operatori ti aiutano a cercare un servizio, a chiedere un contributo e a usare i buoni, anche se non hai un indirizzo email.',
    helpContacts: "Per sapere dove si trova il Social Point più vicino, contatta l'Ufficio di Piano:",
  },
  catalogue: {
    title: 'Catalogo dei servizi',
    lead: "I servizi offerti da enti, cooperative e associazioni nei Comuni dell'Ambito.",
    filtersTitle: 'Filtra i servizi',
    searchLabel: 'Cosa cerchi?',
    searchPlaceholder: 'Parola chiave',
    familyLabel: 'Area di servizio',
    familyAll: 'Tutte le aree',
    comuneLabel: 'Comune',
    comuneAll: 'Tutti i Comuni',
    submit: 'Cerca',
    reset: 'Azzera filtri',
    resultsTitle: 'Risultati della ricerca',
    loading: 'Caricamento dei servizi in corso…',
    countNone: 'Nessun servizio trovato',
    countOne: '1 servizio trovato',
    countOther: '{{count}} servizi trovati',
    pageOf: 'pagina {{page}} di {{pages}}',
    emptyTitle: 'Nessun servizio corrisponde alla ricerca',
    emptyText: 'Prova a togliere qualche filtro o a usare parole diverse.',
    errorTitle: 'Non è stato possibile caricare i servizi',
    errorText: 'Controlla la connessione e riprova tra qualche istante.',
    retry: 'Riprova',
    pagination: 'Pagine dei risultati',
    previousPage: 'Pagina precedente',
    nextPage: 'Pagina successiva',
    pageN: 'Pagina {{page}}',
  },
  service: {
    organisation: 'Offerto da',
    category: 'Categoria',
    comuni: 'Dove',
    comuniList: '{{list}}',
    comuniMore: '{{list}} e altri {{count}}',
    allComuni: "Tutti i Comuni dell'Ambito",
    price: 'Prezzo',
    voucherPayable: 'Pagabile con buono',
    priceOnRequest: 'Prezzo su richiesta',
    priceModel: {
      free: 'Gratuito',
      fixed: '{{price}}',
      per_hour: "{{price}} all'ora",
      per_session: '{{price}} a incontro',
      per_month: '{{price}} al mese',
    },
  },
  vouchers: {
    title: 'I miei buoni',
    lead: 'I buoni sono contributi che il tuo Comune assegna alla famiglia per pagare servizi di cura e assistenza o per fare acquisti nei negozi convenzionati.',
    walletTitle: 'Il tuo portafoglio',
    walletText:
      "Il portafoglio personale, dove vedrai i tuoi buoni con saldo, scadenza e codice QR, si apre dopo l'accesso. L'accesso per i cittadini arriverà con un prossimo aggiornamento della piattaforma: per ora in questa pagina trovi come funzionano i buoni e a chi chiedere.",
    whatTitle: 'Cosa sono i buoni comunali',
    serviceVoucherTitle: 'Buoni servizio',
    serviceVoucherText:
      'Servono a pagare, in tutto o in parte, i servizi del catalogo offerti dagli enti accreditati, nelle categorie previste dal buono.',
    spendingVoucherTitle: 'Buoni spesa',
    spendingVoucherText:
      "Si usano nei negozi convenzionati dell'Ambito, anche un po' alla volta, fino a esaurire l'importo.",
    rulesText:
      'Ogni buono ha un valore, una scadenza e vale nel Comune che lo ha assegnato. Il codice del buono non riporta il tuo nome: chi lo legge non sa che hai ricevuto un aiuto.',
    howTitle: 'Come si ottiene un buono',
    howText:
      'I buoni li assegnano i servizi sociali del Comune, di solito dopo una domanda presentata per un bando. Se hai bisogno, un Social Point ti aiuta a preparare la domanda.',
    helpTitle: 'A chi chiedere',
    helpText: "Rivolgiti al Social Point del tuo Comune o contatta l'Ufficio di Piano.",
    helpLink: 'Come funziona e dove chiedere aiuto',
    catalogueLink: 'Cerca i servizi pagabili con buono',
  },
  operators: {
    title: 'Area operatori',
    lead: "Lo spazio di lavoro di chi offre e gestisce i servizi di welfare dell'Ambito.",
    noteTitle: "L'accesso arriva presto",
    noteText:
      "L'accesso degli operatori arriverà con il modulo di identità e accesso, in uno dei prossimi aggiornamenti. Qui trovi cosa potrà fare ciascun ruolo.",
    rolesTitle: 'I ruoli',
    providersTitle: 'Enti e cooperative',
    providersText:
      "Curano la pagina dell'ente e i servizi con prezzi, orari e posti, confermano le prenotazioni e vedono quanto hanno ricevuto con i buoni.",
    merchantsTitle: 'Negozi convenzionati',
    merchantsText:
      'Leggono o digitano il codice di un buono spesa, ne scalano una parte e consultano storico e rendiconti.',
    socialWorkersTitle: 'Servizi sociali dei Comuni',
    socialWorkersText:
      'Esaminano le domande, assegnano i buoni dai fondi del Comune e registrano i cittadini che non hanno un indirizzo email.',
    planOfficeTitle: 'Ufficio di Piano',
    planOfficeText:
      "Gestisce Comuni, fondi, categorie e accreditamento di enti e negozi, risponde alle segnalazioni e legge gli indicatori dell'Ambito.",
    joinTitle: 'Vuoi accreditare il tuo ente o il tuo negozio?',
    joinText: "Scrivi all'Ufficio di Piano:",
  },
  notFound: {
    title: 'Pagina non trovata',
    text: "L'indirizzo che hai aperto non esiste o è stato spostato.",
    home: 'Torna alla pagina iniziale',
    catalogue: 'Cerca nel catalogo',
  },
};

/** The shape every language must fill. */
export type Translations = typeof it;

import { weekdays } from './demo-ambito.data';
import type {
  OpeningHours,
  SeedOrganisation,
  SeedOrganisationProfile,
  SeedService,
  SeedTags,
  SeedTargetGroup,
  SeedTheme,
} from './demo-ambito.types';

/**
 * The directory of the demo Ambito (issue 4): the Lodi themes and the target groups, the public bodies
 * with their free services, services waiting for moderation, and the organisations' stories.
 * Public bodies are real kinds of office with invented contacts and codes (`.example` domains).
 */

/** The "Bacheca Digitale" axis of Lodi, beside the category tree. */
export const THEMES: SeedTheme[] = [
  {
    slug: 'casa',
    name: { it: 'Casa', en: 'Housing' },
    description: {
      it: "Affitti, bandi per la casa, contributi per le spese dell'abitazione e aiuto nelle faccende domestiche.",
      en: 'Rent, housing calls, help with household bills and with housework.',
    },
  },
  {
    slug: 'lavoro',
    name: { it: 'Lavoro', en: 'Work' },
    description: {
      it: 'Ricerca di lavoro, curriculum, colloqui, contratti e inserimento lavorativo.',
      en: 'Job search, CVs, interviews, contracts and supported employment.',
    },
  },
  {
    slug: 'cibo',
    name: { it: 'Cibo', en: 'Food' },
    description: {
      it: 'Pasti a domicilio, spesa, emporio solidale e banco alimentare.',
      en: 'Meals on wheels, grocery help, the community food shop and the food bank.',
    },
  },
  {
    slug: 'cura',
    name: { it: 'Cura', en: 'Care' },
    description: {
      it: 'Assistenza a bambini, anziani e persone fragili, e sostegno a chi se ne prende cura.',
      en: 'Care for children, older and frail people, and support for those who look after them.',
    },
  },
  {
    slug: 'formazione',
    name: { it: 'Formazione', en: 'Training' },
    description: {
      it: 'Doposcuola, corsi, laboratori, orientamento scolastico e formazione per adulti.',
      en: 'After-school support, courses, workshops, school guidance and adult education.',
    },
  },
  {
    slug: 'tirocini',
    name: { it: 'Tirocini e opportunità formative', en: 'Traineeships and training opportunities' },
    description: {
      it: 'Tirocini, stage, servizio civile ed esperienze per entrare nel mondo del lavoro.',
      en: 'Traineeships, internships, civil service and first steps into work.',
    },
  },
  {
    slug: 'ascolto',
    name: { it: "Consultori e sportelli d'ascolto", en: 'Counselling and listening desks' },
    description: {
      it: "Consultori, sportelli d'ascolto, consulenza familiare e sostegno psicologico, spesso gratuiti.",
      en: 'Family planning clinics, listening desks, family counselling and psychological support, often free.',
    },
  },
];

export const TARGET_GROUPS: SeedTargetGroup[] = [
  { slug: 'famiglie', name: { it: 'Famiglie', en: 'Families' } },
  { slug: 'bambini', name: { it: 'Bambini', en: 'Children' } },
  { slug: 'giovani', name: { it: 'Giovani', en: 'Young people' } },
  { slug: 'anziani', name: { it: 'Anziani', en: 'Older people' } },
  { slug: 'donne', name: { it: 'Donne', en: 'Women' } },
  { slug: 'disabilita', name: { it: 'Disabilità', en: 'Disability' } },
  { slug: 'stranieri', name: { it: 'Stranieri', en: 'Foreign residents' } },
  { slug: 'caregiver', name: { it: 'Caregiver', en: 'Carers' } },
];

/** What a service is about and for whom, by default, from its subcategory. */
export const CATEGORY_TAGS: Record<string, SeedTags> = {
  // YouCare
  doposcuola: { themes: ['formazione'], targetGroups: ['giovani', 'famiglie'] },
  orientamento: { themes: ['formazione'], targetGroups: ['giovani'] },
  'sport-tempo-libero': { themes: ['formazione'], targetGroups: ['bambini', 'giovani'] },
  'centri-estivi': { themes: ['cura', 'formazione'], targetGroups: ['bambini', 'giovani', 'famiglie'] },
  'aggregazione-giovanile': { themes: ['formazione', 'ascolto'], targetGroups: ['giovani'] },
  // ChildCare
  'asilo-nido': { themes: ['cura', 'formazione'], targetGroups: ['famiglie', 'bambini'] },
  babysitting: { themes: ['cura'], targetGroups: ['famiglie', 'bambini'] },
  ripetizioni: { themes: ['formazione'], targetGroups: ['bambini', 'giovani'] },
  'soggiorni-vacanze': { themes: ['formazione', 'cura'], targetGroups: ['bambini', 'giovani'] },
  'pre-post-scuola': { themes: ['cura'], targetGroups: ['famiglie', 'bambini'] },
  // SilverCare
  'assistenza-domiciliare': { themes: ['cura'], targetGroups: ['anziani', 'caregiver', 'disabilita'] },
  'pasti-a-domicilio': { themes: ['cibo', 'cura'], targetGroups: ['anziani', 'disabilita'] },
  'trasporto-sociale': { themes: ['cura'], targetGroups: ['anziani', 'disabilita'] },
  'centro-diurno': { themes: ['cura'], targetGroups: ['anziani', 'caregiver'] },
  telesoccorso: { themes: ['cura'], targetGroups: ['anziani', 'caregiver'] },
  // FamilyCare
  'consulenza-familiare': { themes: ['ascolto'], targetGroups: ['famiglie'] },
  'mediazione-familiare': { themes: ['ascolto'], targetGroups: ['famiglie'] },
  'sostegno-psicologico': { themes: ['ascolto', 'cura'], targetGroups: ['famiglie'] },
  'sportello-badanti': { themes: ['cura'], targetGroups: ['anziani', 'caregiver', 'famiglie'] },
  'spesa-a-domicilio': { themes: ['cibo'], targetGroups: ['anziani', 'disabilita'] },
  // House & Pet Care
  'pulizie-domestiche': { themes: ['casa'], targetGroups: ['famiglie', 'anziani'] },
  'piccole-manutenzioni': { themes: ['casa'], targetGroups: ['famiglie', 'anziani'] },
  'dog-sitting': { themes: ['casa'], targetGroups: ['famiglie', 'anziani'] },
  'pet-sitting': { themes: ['casa'], targetGroups: ['famiglie', 'anziani'] },
  stireria: { themes: ['casa'], targetGroups: ['famiglie'] },
};

const ALL_COMUNI: string[] = [
  'castelseprio',
  'castiglione-olona',
  'gornate-olona',
  'lonate-ceppino',
  'tradate',
  'vedano-olona',
  'venegono-inferiore',
  'venegono-superiore',
];

/** Morning desk from Monday to Friday, plus two afternoons: open in most office hours. */
const MUNICIPAL_DESK_HOURS: OpeningHours[] = [
  ...weekdays('09:00', '12:30'),
  { day: 2, opens: '14:30', closes: '17:00' },
  { day: 4, opens: '14:30', closes: '17:00' },
];

/** Public bodies: offices of the Comuni, of the health agency (ASST) and of the Regione's job centre. */
export const PUBLIC_BODIES: SeedOrganisation[] = [
  {
    slug: 'comune-tradate-servizi-sociali',
    kind: 'public_body',
    name: 'Comune di Tradate – Servizi sociali',
    legalName: 'Comune di Tradate',
    vatNumber: null,
    fiscalCode: '00225670122',
    description:
      "L'Ufficio servizi sociali del Comune di Tradate accoglie i cittadini al segretariato sociale, segue le famiglie con le assistenti sociali e gestisce lo sportello casa dell'Ambito.",
    email: 'servizisociali@comune-tradate.example',
    phone: '+39 0331 826811',
    website: 'https://www.comune-tradate.example',
    comune: 'tradate',
    address: 'Piazza Mazzini 6, 21049 Tradate VA',
    lat: 45.7144,
    lng: 8.905,
    openingHours: MUNICIPAL_DESK_HOURS,
  },
  {
    slug: 'consultorio-familiare-tradate',
    kind: 'public_body',
    name: 'Consultorio familiare di Tradate (ASST Sette Laghi)',
    legalName: 'ASST dei Sette Laghi',
    vatNumber: null,
    fiscalCode: '03510140123',
    description:
      "Il consultorio familiare pubblico dell'ASST Sette Laghi: ostetriche, ginecologi, psicologi e assistenti sociali per la salute della donna, la coppia, la gravidanza e i primi anni dei figli. Le prestazioni sono gratuite.",
    email: 'consultorio.tradate@asst-settelaghi.example',
    phone: '+39 0331 817430',
    website: 'https://www.asst-settelaghi.example/consultori',
    comune: 'tradate',
    address: 'Via Gradisca 16, 21049 Tradate VA',
    lat: 45.7108,
    lng: 8.9072,
    openingHours: [
      ...weekdays('08:30', '12:30'),
      { day: 1, opens: '13:30', closes: '16:00' },
      { day: 3, opens: '13:30', closes: '16:00' },
    ],
  },
  {
    slug: 'centro-impiego-tradate',
    kind: 'public_body',
    name: "Centro per l'impiego di Tradate",
    legalName: 'Provincia di Varese – Centro per l’impiego di Tradate',
    vatNumber: null,
    fiscalCode: '80000710121',
    description:
      "Il Centro per l'impiego aiuta chi cerca lavoro con colloqui di orientamento, iscrizione alle liste, tirocini extracurricolari e incontro con le aziende del territorio. I servizi sono gratuiti.",
    email: 'cpi.tradate@provincia-varese.example',
    phone: '+39 0331 841990',
    website: 'https://www.provincia-varese.example/lavoro',
    comune: 'tradate',
    address: 'Via Isonzo 4, 21049 Tradate VA',
    lat: 45.7131,
    lng: 8.9003,
    openingHours: [
      ...weekdays('09:00', '12:30'),
      { day: 2, opens: '14:00', closes: '16:00' },
      { day: 4, opens: '14:00', closes: '16:00' },
    ],
  },
  {
    slug: 'sportello-donna',
    kind: 'public_body',
    name: 'Sportello Donna',
    legalName: 'Comune di Venegono Superiore – Sportello Donna di Ambito',
    vatNumber: null,
    fiscalCode: '00340580124',
    description:
      "Lo Sportello Donna dell'Ambito offre ascolto, consulenza legale e orientamento alle donne in difficoltà, anche vittime di violenza, in rete con il centro antiviolenza della provincia. Tutti i colloqui sono gratuiti e riservati.",
    email: 'sportellodonna@comune-venegonosuperiore.example',
    phone: '+39 0331 864930',
    website: null,
    comune: 'venegono-superiore',
    address: 'Piazza Monumento 7, 21040 Venegono Superiore VA',
    lat: 45.7509,
    lng: 8.9062,
    openingHours: [
      { day: 2, opens: '09:30', closes: '12:30' },
      { day: 2, opens: '14:30', closes: '17:30' },
      { day: 5, opens: '09:30', closes: '12:30' },
    ],
  },
  {
    slug: 'informagiovani',
    kind: 'public_body',
    name: 'Informagiovani',
    legalName: 'Comune di Vedano Olona – Informagiovani di Ambito',
    vatNumber: null,
    fiscalCode: '00311070121',
    description:
      "L'Informagiovani dell'Ambito informa e orienta i ragazzi dai 15 ai 30 anni su scuola, università, lavoro, tirocini, volontariato, servizio civile e viaggi all'estero.",
    email: 'informagiovani@comune-vedanoolona.example',
    phone: '+39 0332 867420',
    website: 'https://www.informagiovani-valleolona.example',
    comune: 'vedano-olona',
    address: 'Via Guglielmo Marconi 1, 21040 Vedano Olona VA',
    lat: 45.7778,
    lng: 8.887,
    openingHours: [
      { day: 1, opens: '14:30', closes: '18:30' },
      { day: 3, opens: '09:30', closes: '12:30' },
      { day: 3, opens: '14:30', closes: '18:30' },
      { day: 6, opens: '09:30', closes: '12:30' },
    ],
  },
  {
    slug: 'comune-castiglione-olona-servizi-sociali',
    kind: 'public_body',
    name: 'Comune di Castiglione Olona – Servizi sociali',
    legalName: 'Comune di Castiglione Olona',
    vatNumber: null,
    fiscalCode: '00258860125',
    description:
      "I Servizi sociali del Comune di Castiglione Olona gestiscono, per i Comuni della Valle Olona, l'emporio solidale e lo sportello stranieri, oltre al segretariato sociale per i propri cittadini.",
    email: 'servizisociali@comune-castiglioneolona.example',
    phone: '+39 0331 824812',
    website: 'https://www.comune-castiglioneolona.example',
    comune: 'castiglione-olona',
    address: 'Via Cesare Battisti 4, 21043 Castiglione Olona VA',
    lat: 45.7557,
    lng: 8.8666,
    openingHours: MUNICIPAL_DESK_HOURS,
  },
  {
    slug: 'comune-venegono-inferiore-servizi-sociali',
    kind: 'public_body',
    name: 'Comune di Venegono Inferiore – Servizi sociali',
    legalName: 'Comune di Venegono Inferiore',
    vatNumber: null,
    fiscalCode: '00362400128',
    description:
      'I Servizi sociali del Comune di Venegono Inferiore accolgono i cittadini al segretariato sociale e coordinano il banco alimentare con le parrocchie e i volontari dei Comuni vicini.',
    email: 'servizisociali@comune-venegonoinferiore.example',
    phone: '+39 0331 865911',
    website: 'https://www.comune-venegonoinferiore.example',
    comune: 'venegono-inferiore',
    address: 'Via Mauceri 3, 21040 Venegono Inferiore VA',
    lat: 45.7383,
    lng: 8.901,
    openingHours: [
      { day: 1, opens: '09:00', closes: '12:30' },
      { day: 3, opens: '09:00', closes: '12:30' },
      { day: 3, opens: '14:00', closes: '17:00' },
      { day: 5, opens: '09:00', closes: '12:30' },
    ],
  },
];

/** Free public services: no price, open to everyone living in the Comuni they serve. */
export const PUBLIC_SERVICES: SeedService[] = [
  // --- Comune di Tradate ---------------------------------------------------------------------------------
  {
    slug: 'segretariato-sociale-tradate',
    organisation: 'comune-tradate-servizi-sociali',
    category: 'consulenza-familiare',
    title: 'Segretariato sociale del Comune di Tradate',
    summary:
      "Il primo sportello a cui rivolgersi per un bisogno sociale: informazioni, orientamento e, se serve, un appuntamento con l'assistente sociale.",
    description:
      "Il segretariato sociale accoglie chi vive a Tradate e non sa a chi rivolgersi: anziani soli, famiglie in difficoltà economica, persone con disabilità, cittadini stranieri. L'operatrice ascolta la situazione, spiega quali servizi e contributi esistono e aiuta a presentare le domande; quando serve, fissa un colloquio con l'assistente sociale. Si accede senza appuntamento negli orari di apertura, portando un documento d'identità.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ['tradate'],
    keywords: ['segretariato sociale', 'assistente sociale', 'servizi sociali', 'comune', 'contributi'],
    openingHours: MUNICIPAL_DESK_HOURS,
    themes: ['ascolto'],
    targetGroups: ['famiglie', 'anziani', 'disabilita', 'stranieri'],
  },
  {
    slug: 'sportello-casa-affitti',
    organisation: 'comune-tradate-servizi-sociali',
    category: 'consulenza-familiare',
    title: 'Sportello casa e affitti',
    summary:
      "Aiuto per cercare casa, chiedere il contributo per l'affitto e partecipare ai bandi per le case popolari (SAP).",
    description:
      "Lo sportello casa dell'Ambito aiuta le famiglie a orientarsi tra bandi e contributi per l'abitazione: domanda per i Servizi abitativi pubblici, contributo per l'affitto e per la morosità incolpevole, agevolazioni sulle bollette. Le operatrici controllano i documenti, aiutano a compilare le domande online e danno informazioni sui contratti di affitto a canone concordato. Il servizio è gratuito e aperto ai residenti di tutti gli 8 Comuni.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: ['casa', 'affitto', 'case popolari', 'SAP', 'contributo affitto', 'sfratto', 'bollette'],
    openingHours: [
      { day: 2, opens: '09:00', closes: '12:30' },
      { day: 4, opens: '14:00', closes: '17:30' },
    ],
    themes: ['casa'],
    targetGroups: ['famiglie', 'giovani', 'stranieri'],
  },

  // --- Consultorio familiare di Tradate ------------------------------------------------------------------
  {
    slug: 'consultorio-familiare-tradate',
    organisation: 'consultorio-familiare-tradate',
    category: 'consulenza-familiare',
    title: 'Consultorio familiare: accoglienza e colloqui',
    summary:
      'Ostetriche, ginecologi, psicologi e assistenti sociali per la salute della donna, la coppia e la famiglia, gratuitamente.',
    description:
      "Al consultorio ci si rivolge per la contraccezione, il test di gravidanza e il percorso nascita, per le difficoltà di coppia e con i figli, per un sostegno psicologico o per informazioni su adozione e affido. L'accoglienza è libera negli orari di apertura: un'operatrice ascolta la richiesta e fissa, se serve, un colloquio con lo specialista. Le prestazioni sono gratuite e non serve l'impegnativa del medico.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: [
      'consultorio',
      'ginecologo',
      'ostetrica',
      'gravidanza',
      'contraccezione',
      'psicologo',
      'coppia',
    ],
    openingHours: [
      ...weekdays('08:30', '12:30'),
      { day: 1, opens: '13:30', closes: '16:00' },
      { day: 3, opens: '13:30', closes: '16:00' },
    ],
    themes: ['ascolto', 'cura'],
    targetGroups: ['donne', 'famiglie', 'giovani'],
  },
  {
    slug: 'corso-accompagnamento-nascita',
    organisation: 'consultorio-familiare-tradate',
    category: 'consulenza-familiare',
    title: 'Corso di accompagnamento alla nascita',
    summary:
      'Incontri settimanali con ostetrica e psicologa per prepararsi al parto e ai primi mesi con il bambino.',
    description:
      'Il corso è rivolto alle donne dalla 28ª settimana di gravidanza e ai loro compagni. In piccoli gruppi si parla di travaglio e parto, allattamento, cura del neonato, sonno e cambiamenti nella coppia, con esercizi di respirazione e rilassamento. Ogni incontro dura due ore; ci si iscrive a ciascun incontro dalla piattaforma ed è possibile partecipare anche a un solo appuntamento. La partecipazione è gratuita.',
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: ['corso preparto', 'gravidanza', 'parto', 'allattamento', 'neonato', 'ostetrica'],
    themes: ['cura', 'formazione'],
    targetGroups: ['donne', 'famiglie'],
  },
  {
    slug: 'spazio-giovani-consultorio',
    organisation: 'consultorio-familiare-tradate',
    category: 'sostegno-psicologico',
    title: 'Spazio Giovani del consultorio',
    summary:
      'Un luogo riservato dove ragazze e ragazzi dai 14 ai 24 anni parlano con psicologa e ostetrica, senza bisogno dei genitori.',
    description:
      "Lo Spazio Giovani è aperto il mercoledì e il venerdì pomeriggio ed è dedicato ai ragazzi dai 14 ai 24 anni. Si può parlare di affettività e sessualità, contraccezione, rapporti con i genitori e con gli amici, ansia e scuola, con una psicologa e un'ostetrica. Si accede anche senza appuntamento, da soli o con un amico; i colloqui sono gratuiti e riservati.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: ['spazio giovani', 'adolescenti', 'psicologa', 'affettività', 'sessualità', 'consultorio'],
    openingHours: [
      { day: 3, opens: '14:00', closes: '17:30' },
      { day: 5, opens: '14:00', closes: '17:30' },
    ],
    themes: ['ascolto', 'cura'],
    targetGroups: ['giovani'],
  },

  // --- Centro per l'impiego ------------------------------------------------------------------------------
  {
    slug: 'sportello-lavoro-tirocini',
    organisation: 'centro-impiego-tradate',
    category: 'orientamento',
    title: 'Sportello lavoro e tirocini',
    summary:
      'Iscrizione come disoccupato, offerte di lavoro, curriculum e tirocini extracurricolari nelle aziende della zona.',
    description:
      "Allo sportello ci si iscrive come disoccupati con la dichiarazione di immediata disponibilità, si consultano le offerte di lavoro delle aziende del territorio e si prepara il curriculum con un operatore. Il Centro attiva tirocini extracurricolari per giovani e adulti, le doti della Regione per la formazione e il collocamento mirato per le persone con disabilità. Il servizio è gratuito; per il primo colloquio servono documento d'identità e codice fiscale.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: [
      'lavoro',
      'disoccupazione',
      'DID',
      'offerte di lavoro',
      'tirocinio',
      'curriculum',
      'collocamento mirato',
    ],
    openingHours: [
      ...weekdays('09:00', '12:30'),
      { day: 2, opens: '14:00', closes: '16:00' },
      { day: 4, opens: '14:00', closes: '16:00' },
    ],
    themes: ['lavoro', 'tirocini'],
    targetGroups: ['giovani', 'donne', 'stranieri', 'disabilita'],
  },
  {
    slug: 'orientamento-formativo-adulti',
    organisation: 'centro-impiego-tradate',
    category: 'orientamento',
    title: 'Orientamento ai corsi di formazione per adulti',
    summary:
      'Un colloquio individuale per scegliere un corso di qualifica, di lingua italiana o di informatica e capire come finanziarlo.',
    description:
      "Con un'orientatrice si ricostruiscono esperienze e competenze e si sceglie il percorso più adatto tra i corsi gratuiti della Regione, i corsi serali per adulti, i corsi di italiano per stranieri e quelli per ottenere una qualifica come ASA, OSS o addetto alla logistica. Il colloquio dura 45 minuti e si prenota dalla piattaforma. È gratuito.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: [
      'formazione adulti',
      'corsi',
      'qualifica',
      'OSS',
      'ASA',
      'italiano per stranieri',
      'orientamento',
    ],
    themes: ['formazione', 'lavoro'],
    targetGroups: ['donne', 'stranieri'],
  },

  // --- Sportello Donna -----------------------------------------------------------------------------------
  {
    slug: 'sportello-ascolto-donna',
    organisation: 'sportello-donna',
    category: 'sostegno-psicologico',
    title: "Sportello d'ascolto per donne",
    summary:
      'Ascolto e orientamento per le donne in difficoltà, anche in situazioni di violenza, in modo gratuito e riservato.',
    description:
      "Lo sportello accoglie le donne che vivono un momento difficile: una separazione, la perdita del lavoro, la solitudine, una relazione violenta. Un'operatrice formata ascolta senza giudicare, informa sui diritti e sui servizi e, se la donna lo desidera, la accompagna al centro antiviolenza, alla consulenza legale o alla ricerca di un lavoro. Si può venire senza appuntamento o telefonare; in caso di pericolo chiama il 1522 o il 112.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: ['donne', 'violenza', 'antiviolenza', '1522', 'ascolto', 'sportello donna'],
    openingHours: [
      { day: 2, opens: '09:30', closes: '12:30' },
      { day: 2, opens: '14:30', closes: '17:30' },
      { day: 5, opens: '09:30', closes: '12:30' },
    ],
    themes: ['ascolto'],
    targetGroups: ['donne'],
  },
  {
    slug: 'consulenza-legale-donne',
    organisation: 'sportello-donna',
    category: 'consulenza-familiare',
    title: 'Consulenza legale gratuita per donne',
    summary:
      "Un colloquio con un'avvocata su separazione, affidamento dei figli, mantenimento e tutela dalla violenza.",
    description:
      "Un'avvocata volontaria riceve il giovedì pomeriggio su appuntamento. In 45 minuti si può chiarire cosa prevede la legge in caso di separazione o divorzio, come si chiede l'assegno di mantenimento, come funziona il gratuito patrocinio e quali tutele esistono per chi subisce violenza. La consulenza è gratuita e riservata e si prenota dalla piattaforma o telefonando allo sportello.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: [
      'avvocata',
      'consulenza legale',
      'separazione',
      'mantenimento',
      'gratuito patrocinio',
      'donne',
    ],
    themes: ['ascolto'],
    targetGroups: ['donne', 'famiglie'],
  },

  // --- Informagiovani ------------------------------------------------------------------------------------
  {
    slug: 'informagiovani-orientamento',
    organisation: 'informagiovani',
    category: 'orientamento',
    title: 'Informagiovani: orientamento a studio, lavoro e volontariato',
    summary:
      "Informazioni e colloqui per ragazzi dai 15 ai 30 anni su università, corsi, lavoro, volontariato ed esperienze all'estero.",
    description:
      "All'Informagiovani si trovano bacheche di offerte di lavoro e di corsi, guide alle università e agli ITS, informazioni su Erasmus, scambi giovanili e corpo europeo di solidarietà. Gli operatori aiutano a scrivere il curriculum e la lettera di presentazione e a prepararsi al colloquio. L'accesso è libero negli orari di apertura, sia a Vedano Olona sia al punto di Lonate Ceppino, ed è gratuito.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: ['informagiovani', 'università', 'curriculum', 'volontariato', 'erasmus', 'lavoro giovani'],
    openingHours: [
      { day: 1, opens: '14:30', closes: '18:30' },
      { day: 3, opens: '09:30', closes: '12:30' },
      { day: 3, opens: '14:30', closes: '18:30' },
      { day: 6, opens: '09:30', closes: '12:30' },
    ],
    themes: ['formazione', 'tirocini', 'lavoro'],
    targetGroups: ['giovani'],
  },
  {
    slug: 'tirocini-estivi-servizio-civile',
    organisation: 'informagiovani',
    category: 'orientamento',
    title: 'Tirocini estivi e servizio civile',
    summary:
      'Aiuto per trovare un tirocinio estivo durante la scuola superiore o un progetto di servizio civile universale.',
    description:
      "Lo sportello raccoglie le proposte di tirocinio estivo delle aziende, delle cooperative e dei Comuni dell'Ambito per gli studenti dai 16 anni, e i progetti di servizio civile universale per i ragazzi dai 18 ai 28 anni. Un operatore aiuta a scegliere il progetto, a presentare la domanda online e a preparare il colloquio di selezione. Il servizio è gratuito, il mercoledì pomeriggio a Vedano Olona.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: ['tirocinio estivo', 'stage', 'servizio civile', 'alternanza', 'studenti', 'giovani'],
    openingHours: [{ day: 3, opens: '14:30', closes: '18:30' }],
    themes: ['tirocini', 'formazione'],
    targetGroups: ['giovani'],
  },

  // --- Comune di Castiglione Olona -----------------------------------------------------------------------
  {
    slug: 'emporio-solidale-valle-olona',
    organisation: 'comune-castiglione-olona-servizi-sociali',
    category: 'spesa-a-domicilio',
    title: 'Emporio solidale della Valle Olona',
    summary:
      'Un piccolo supermercato dove le famiglie in difficoltà fanno la spesa gratuitamente con una tessera a punti.',
    description:
      "L'emporio solidale offre alimenti, prodotti per l'igiene e per la prima infanzia alle famiglie dei Comuni della Valle Olona segnalate dai servizi sociali. Ogni famiglia riceve una tessera con un numero di punti al mese, in base al numero dei componenti, e sceglie da sé cosa mettere nel carrello. I volontari accolgono le famiglie il lunedì e il sabato mattina e il mercoledì pomeriggio. Per avere la tessera ci si rivolge al segretariato sociale del proprio Comune.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ['castiglione-olona', 'gornate-olona', 'castelseprio', 'vedano-olona'],
    keywords: ['emporio solidale', 'spesa', 'alimenti', 'tessera', 'aiuto alimentare', 'povertà'],
    openingHours: [
      { day: 1, opens: '09:30', closes: '12:00' },
      { day: 3, opens: '15:00', closes: '18:00' },
      { day: 6, opens: '09:00', closes: '12:00' },
    ],
    themes: ['cibo'],
    targetGroups: ['famiglie', 'stranieri', 'anziani'],
  },
  {
    slug: 'sportello-stranieri',
    organisation: 'comune-castiglione-olona-servizi-sociali',
    category: 'consulenza-familiare',
    title: 'Sportello stranieri: permessi, cittadinanza e lingua italiana',
    summary:
      'Aiuto con permesso di soggiorno, ricongiungimento familiare, cittadinanza e iscrizione ai corsi di italiano.',
    description:
      "Lo sportello aiuta i cittadini stranieri dell'Ambito a compilare le domande di rinnovo del permesso di soggiorno, di ricongiungimento familiare e di cittadinanza, a prenotare gli appuntamenti in Questura e a iscriversi ai corsi gratuiti di italiano. Un mediatore culturale è presente il lunedì e parla arabo, francese e inglese. Il servizio è gratuito; conviene portare passaporto, permesso e codice fiscale.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ALL_COMUNI,
    keywords: [
      'stranieri',
      'permesso di soggiorno',
      'cittadinanza',
      'ricongiungimento',
      'mediatore culturale',
      'corso di italiano',
    ],
    openingHours: [
      { day: 1, opens: '09:00', closes: '12:30' },
      { day: 1, opens: '14:00', closes: '17:00' },
      { day: 4, opens: '09:00', closes: '12:30' },
    ],
    themes: ['ascolto', 'lavoro', 'casa'],
    targetGroups: ['stranieri'],
  },

  // --- Comune di Venegono Inferiore ----------------------------------------------------------------------
  {
    slug: 'segretariato-sociale-venegono-inferiore',
    organisation: 'comune-venegono-inferiore-servizi-sociali',
    category: 'consulenza-familiare',
    title: 'Segretariato sociale del Comune di Venegono Inferiore',
    summary:
      "Informazioni su servizi e contributi e primo ascolto dei bisogni, con la possibilità di incontrare l'assistente sociale.",
    description:
      "Il segretariato sociale è la porta d'accesso ai servizi sociali del Comune per tutti i cittadini di Venegono Inferiore. L'operatrice informa su assegno di inclusione, bonus per le famiglie, contributi per gli anziani e per le persone con disabilità, e aiuta a compilare le domande. Per le situazioni più complesse fissa un colloquio con l'assistente sociale, che riceve il mercoledì. Il servizio è gratuito.",
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ['venegono-inferiore'],
    keywords: [
      'segretariato sociale',
      'assistente sociale',
      'servizi sociali',
      'bonus',
      'assegno di inclusione',
    ],
    openingHours: [
      { day: 1, opens: '09:00', closes: '12:30' },
      { day: 3, opens: '09:00', closes: '12:30' },
      { day: 3, opens: '14:00', closes: '17:00' },
      { day: 5, opens: '09:00', closes: '12:30' },
    ],
    themes: ['ascolto'],
    targetGroups: ['famiglie', 'anziani', 'disabilita', 'stranieri'],
  },
  {
    slug: 'banco-alimentare-venegono',
    organisation: 'comune-venegono-inferiore-servizi-sociali',
    category: 'spesa-a-domicilio',
    title: 'Banco alimentare: pacchi viveri per le famiglie',
    summary:
      'Ogni due settimane un pacco di generi alimentari per le famiglie in difficoltà, preparato dai volontari.',
    description:
      'Il banco alimentare distribuisce pacchi di pasta, riso, legumi, olio, latte, scatolame e prodotti freschi donati dalla rete del Banco Alimentare e dalle raccolte nei supermercati della zona. Le famiglie vengono segnalate dai servizi sociali o dai centri di ascolto parrocchiali dei Comuni di Venegono Inferiore, Venegono Superiore, Lonate Ceppino e Tradate. Il ritiro è il martedì pomeriggio o il sabato mattina nei locali di Via Garibaldi; per chi non può muoversi i volontari consegnano a casa.',
    priceModel: 'free',
    priceCents: null,
    voucherPayable: false,
    comuni: ['venegono-inferiore', 'venegono-superiore', 'lonate-ceppino', 'tradate'],
    keywords: ['banco alimentare', 'pacco alimentare', 'viveri', 'aiuto alimentare', 'volontari'],
    openingHours: [
      { day: 2, opens: '14:30', closes: '17:30' },
      { day: 6, opens: '09:00', closes: '11:30' },
    ],
    themes: ['cibo'],
    targetGroups: ['famiglie', 'anziani', 'stranieri'],
  },
];

/**
 * What the demo provider (Il Cortile dei Ragazzi) has not published yet: three services waiting for the
 * administrator's review, so the moderation queue is not empty, and one draft.
 */
export const PROVIDER_PROPOSALS: SeedService[] = [
  {
    slug: 'laboratorio-fumetto-ragazzi',
    organisation: 'cortile-dei-ragazzi',
    category: 'sport-tempo-libero',
    title: 'Laboratorio di fumetto e illustrazione',
    summary: 'Un pomeriggio a settimana per imparare a disegnare personaggi e raccontare storie a fumetti.',
    description:
      'Il laboratorio è pensato per ragazzi dagli 11 ai 15 anni che amano disegnare. Con un illustratore professionista si impara a costruire un personaggio, a dividere la pagina in vignette e a scrivere i dialoghi, fino a realizzare una breve storia stampata alla fine del corso. Gli incontri si tengono il mercoledì dalle 17:00 alle 18:30 nella sede di Tradate; i materiali sono compresi nel prezzo.',
    priceModel: 'per_session',
    priceCents: 1200,
    voucherPayable: true,
    comuni: ['tradate', 'venegono-inferiore', 'lonate-ceppino'],
    keywords: ['fumetto', 'disegno', 'illustrazione', 'laboratorio', 'ragazzi'],
    status: 'pending_review',
    submittedHoursAgo: 72,
  },
  {
    slug: 'aula-studio-serale-superiori',
    organisation: 'cortile-dei-ragazzi',
    category: 'doposcuola',
    title: 'Aula studio serale per le superiori',
    summary: "Un'aula tranquilla con un tutor, due sere a settimana, per gli studenti delle superiori.",
    description:
      "L'aula studio è aperta il lunedì e il giovedì dalle 18:00 alle 21:00 per gli studenti delle scuole superiori che a casa non trovano la concentrazione o vogliono studiare in compagnia. Un tutor universitario è presente per dubbi di matematica, fisica e lingue. Il prezzo è mensile e comprende la connessione internet e l'uso delle stampanti.",
    priceModel: 'per_month',
    priceCents: 3500,
    voucherPayable: true,
    comuni: ['tradate', 'venegono-inferiore', 'venegono-superiore'],
    keywords: ['aula studio', 'studio', 'scuola superiore', 'tutor', 'compiti'],
    status: 'pending_review',
    submittedHoursAgo: 30,
  },
  {
    slug: 'campus-orientamento-estivo',
    organisation: 'cortile-dei-ragazzi',
    category: 'orientamento',
    title: 'Campus di orientamento estivo',
    summary:
      'Una settimana per scoprire mestieri e scuole, con visite ad aziende e laboratori del territorio.',
    description:
      "Il campus si svolge a fine giugno per i ragazzi che hanno finito la seconda media. Ogni giorno si visita un'azienda, un laboratorio artigiano o una scuola superiore della zona, si incontrano persone che raccontano il proprio lavoro e si riflette in gruppo su interessi e talenti. Il prezzo comprende pranzi, trasporti e il materiale; le iscrizioni apriranno in primavera.",
    priceModel: 'fixed',
    priceCents: 12000,
    voucherPayable: true,
    comuni: ['tradate', 'lonate-ceppino', 'castelseprio', 'venegono-inferiore'],
    keywords: ['orientamento', 'campus', 'mestieri', 'scuola superiore', 'estate'],
    status: 'pending_review',
    submittedHoursAgo: 5,
  },
  {
    slug: 'corso-chitarra-principianti',
    organisation: 'cortile-dei-ragazzi',
    category: 'sport-tempo-libero',
    title: 'Corso di chitarra per principianti',
    summary: 'Lezioni di gruppo per imparare i primi accordi e suonare insieme le canzoni preferite.',
    description:
      'Il corso è in preparazione: piccoli gruppi di quattro ragazzi, una lezione a settimana nella sala prove dello Spazio Giovani, chitarre a disposizione per chi non ne ha una.',
    priceModel: 'per_session',
    priceCents: 1000,
    voucherPayable: false,
    comuni: ['tradate'],
    keywords: ['chitarra', 'musica', 'corso', 'ragazzi'],
    status: 'draft',
  },
];

/** The organisations' stories and certified e-mail addresses (PEC), shown on their public pages. */
export const ORGANISATION_PROFILES: Record<string, SeedOrganisationProfile> = {
  // Cooperatives
  'cortile-dei-ragazzi': {
    history:
      "La cooperativa nasce nel 2004 dall'esperienza di un gruppo di educatori dell'oratorio di Tradate, che avevano aperto un doposcuola per i ragazzi delle medie. Negli anni ha aggiunto l'orientamento scolastico, i laboratori teatrali e, dal 2015, lo Spazio Giovani, progettato insieme ai ragazzi del quartiere. Oggi vi lavorano dodici educatori.",
    pec: 'cortiledeiragazzi@pec.example',
  },
  'nidi-di-pervinca': {
    history:
      'Fondata nel 2011 da quattro educatrici della prima infanzia, la cooperativa ha aperto il micronido Pervinca in una villetta con giardino vicino al centro di Tradate. Dal 2016 gestisce per il Comune il pre e post scuola nelle primarie e uno spazio gioco per i bambini che non frequentano il nido.',
    pec: 'nididipervinca@pec.example',
  },
  'radici-d-argento': {
    history:
      "Radici d'Argento è nata nel 1998 per offrire assistenza domiciliare agli anziani del Tradatese. Nel 2008 ha aperto il centro diurno di Via Cavour e nel 2014 ha avviato il servizio di pasti caldi a domicilio, con una cucina interna. Conta oggi trenta operatori socio-sanitari.",
    pec: 'radicidargento@pec.example',
  },
  'officina-del-fare': {
    history:
      'Cooperativa di tipo B fondata nel 2009 da un gruppo di genitori e operatori dei servizi per le dipendenze, per dare un lavoro vero a persone che faticavano a trovarlo. Ha iniziato con la stireria e le pulizie, poi ha aggiunto le piccole riparazioni in casa; oltre metà dei soci lavoratori sono persone in inserimento.',
    pec: null,
  },
  'crocevia-famiglie': {
    history:
      "La cooperativa riunisce dal 2012 psicologi, consulenti familiari e mediatori che lavoravano nei consultori della zona. Ha aperto la sede di Venegono Superiore e, con il sostegno dell'Ambito, uno sportello di ascolto gratuito per le famiglie, oggi attivo anche a Tradate.",
    pec: 'croceviafamiglie@pec.example',
  },
  'tre-ciliegi': {
    history:
      'Tre Ciliegi è nata nel 2013 da tre sorelle, educatrici e insegnanti, che volevano offrire alle famiglie babysitter preparate e affidabili. Oggi forma ogni anno nuove babysitter con un corso di primo soccorso pediatrico e organizza ripetizioni e vacanze in montagna.',
    pec: null,
  },
  'passo-lento': {
    history:
      "Passo Lento è attiva dal 2006 a Venegono Inferiore. Ha cominciato con il trasporto sociale verso gli ospedali di Varese e Tradate con due pulmini attrezzati, e ha poi aggiunto il telesoccorso e l'assistenza notturna, per permettere agli anziani di restare a casa propria.",
    pec: 'passolento@pec.example',
  },
  'brughiera-viva': {
    history:
      "Nata nel 2016 da educatori e guide ambientali cresciuti tra i boschi del Parco Pineta, la cooperativa porta i bambini e i ragazzi all'aria aperta tutto l'anno. Organizza centri estivi, CRE e uscite del sabato, e collabora con le scuole per l'educazione ambientale.",
    pec: null,
  },
  'isola-gentile': {
    history:
      "Isola Gentile gestisce dal 2010 lo sportello badanti dell'Ambito, nato per far incontrare in modo trasparente le famiglie e le assistenti familiari. Ha poi avviato la spesa e i pasti a domicilio per la Valle Olona, con cucina e mezzi propri a Castiglione Olona.",
    pec: 'isolagentile@pec.example',
  },
  'orme-leggere': {
    history:
      'Cooperativa di tipo B nata nel 2018 da un progetto di inserimento lavorativo per giovani con fragilità. I ragazzi vengono formati come dog sitter e pet sitter da un educatore cinofilo; nel 2021 la cooperativa ha aperto un asilo diurno per cani a Castiglione Olona.',
    pec: null,
  },
  'parole-in-cammino': {
    history:
      "Parole in Cammino nasce nel 2014 da logopediste, tutor dell'apprendimento e insegnanti che volevano un luogo dove i ragazzi con DSA imparassero a studiare con i propri strumenti. Oggi offre anche ripetizioni per ogni materia e orientamento all'università e al lavoro.",
    pec: 'paroleincammino@pec.example',
  },
  'casa-dei-gelsi': {
    history:
      'La Casa dei Gelsi prende il nome dai gelsi del cortile della vecchia cascina di Vedano Olona, ristrutturata nel 2005 per accogliere il centro diurno per anziani. Nel 2017 la cooperativa ha aperto uno studio di psicologia e pedagogia per adulti, genitori e caregiver.',
    pec: 'casadeigelsi@pec.example',
  },
  'ceppo-verde': {
    history:
      'Ceppo Verde è una cooperativa di tipo B fondata nel 2001 a Lonate Ceppino. Ha iniziato con la manutenzione del verde pubblico e si è poi aperta alle famiglie con pulizie, stiratura e cura dei giardini, offrendo un lavoro stabile a persone svantaggiate.',
    pec: null,
  },
  'ponte-di-torba': {
    history:
      "Il nome viene dal ponte sull'Olona vicino al Monastero di Torba, dove i fondatori organizzarono nel 2003 il primo centro estivo. Da allora la cooperativa gestisce pre e post scuola, CRE e soggiorni al mare per i bambini e i ragazzi della Valle Olona.",
    pec: 'pontetorba@pec.example',
  },
  // Associations
  'anni-sereni': {
    history:
      "L'associazione è stata fondata nel 1995 da un gruppo di pensionati di Tradate che accompagnavano in auto i vicini alle visite mediche. Oggi conta quaranta volontari, tre auto e un pulmino, e una rete di telefonate quotidiane agli anziani soli.",
    pec: null,
  },
  'buon-vicinato': {
    history:
      "Nata nel 2012 a Castelseprio dopo un inverno in cui alcuni anziani del paese erano rimasti isolati per la neve, l'associazione organizza visite di compagnia e piccoli lavori di casa con i volontari del paese.",
    pec: null,
  },
  'zaino-in-spalla': {
    history:
      "L'associazione è nata nel 2015 tra i genitori della scuola primaria di Castiglione Olona per avviare il Piedibus. In pochi anni ha aggiunto l'aiuto compiti con i volontari e le feste di fine anno aperte a tutto il paese.",
    pec: null,
  },
  'polisportiva-quattro-campanili': {
    history:
      'La polisportiva unisce dal 1987 le società sportive di quattro parrocchie della Valle Olona, da cui il nome. Propone il multisport per i più piccoli, pallavolo, calcio e atletica, e ogni estate un camp sportivo al centro comunale di Vedano Olona.',
    pec: 'quattrocampanili@pec.example',
  },
  // Public bodies
  'comune-tradate-servizi-sociali': {
    history:
      "L'Ufficio servizi sociali ha sede in Municipio ed è capofila dell'Ambito territoriale di Tradate, che coordina con l'Ufficio di Piano i servizi sociali degli 8 Comuni.",
    pec: 'protocollo@pec.comune-tradate.example',
  },
  'consultorio-familiare-tradate': {
    history:
      "Il consultorio familiare di Tradate è attivo dal 1978, quando la legge istituì i consultori pubblici. Dal 2016 fa parte dell'ASST dei Sette Laghi e ha un ambulatorio anche a Castiglione Olona.",
    pec: 'protocollo@pec.asst-settelaghi.example',
  },
  'centro-impiego-tradate': {
    history:
      "Il Centro per l'impiego serve i Comuni del Tradatese e della Valle Olona e collabora con le agenzie per il lavoro e le cooperative di tipo B per i tirocini e il collocamento mirato.",
    pec: 'cpi.tradate@pec.provincia-varese.example',
  },
  'sportello-donna': {
    history:
      "Lo Sportello Donna è stato aperto nel 2019 dall'Ambito con il Comune di Venegono Superiore come capofila, in rete con il centro antiviolenza provinciale e con le associazioni femminili del territorio.",
    pec: 'protocollo@pec.comune-venegonosuperiore.example',
  },
  informagiovani: {
    history:
      "L'Informagiovani è nato nel 1999 nella biblioteca di Vedano Olona e dal 2020 è il servizio di tutto l'Ambito, con un punto informativo anche a Lonate Ceppino.",
    pec: null,
  },
  'comune-castiglione-olona-servizi-sociali': {
    history:
      "L'emporio solidale è stato aperto nel 2021 dal Comune di Castiglione Olona con la Caritas e le associazioni della Valle Olona, al posto della distribuzione dei pacchi viveri.",
    pec: 'protocollo@pec.comune-castiglioneolona.example',
  },
  'comune-venegono-inferiore-servizi-sociali': {
    history:
      'I Servizi sociali del Comune coordinano dal 2013 il banco alimentare dei due Venegono, Lonate Ceppino e Tradate con le parrocchie e i gruppi di volontari.',
    pec: 'protocollo@pec.comune-venegonoinferiore.example',
  },
};

// Every French string shown to the user lives here. Components and helpers import from this
// module only; identifiers and comments stay in English.
import type { CallOutcome, Interest, LeadKind, LeadSort, LeadStage, LeadStatus, MailSecurity, Role, SlaMode, SmtpSecurity, TaskKind, TodoSort } from "./bindings";

const plural = (n: number, one: string, many: string) => (n <= 1 ? one : many);

export const statusLabels: Record<LeadStatus, string> = {
  nouveau: "Nouveau",
  a_traiter: "À traiter",
  en_cours: "En cours",
  gagne: "Gagné",
  perdu: "Perdu",
};

export const stageLabels: Record<LeadStage, string> = {
  contact: "Contact",
  decouverte: "Découverte / présentation",
  essai: "Essai",
  offre: "Offre",
  negociation: "Négociation",
  commande: "Commande",
};

export const interestLabels: Record<Interest, string> = {
  chaud: "Chaud",
  tiede: "Tiède",
  froid: "Froid",
};

export const kindLabels: Record<LeadKind, string> = {
  VN: "Véhicule neuf (VN)",
  VO: "Occasion (VO)",
  APV: "Après-vente",
  reprise: "Reprise (rachat)",
  RH: "RH",
};

export const roleLabels: Record<Role, string> = {
  hotesse: "Hôtesse / cellule leads",
  vendeur: "Vendeur",
  chef_des_ventes: "Chef des ventes",
  responsable_apv: "Responsable après-vente",
  administrateur: "Administrateur",
};

export const sortLabels: Record<LeadSort, string> = {
  recent: "Plus récents",
  oldest: "Plus anciens",
  deadline: "Échéance",
  last_activity: "Dernière activité",
  name: "Nom",
};

export const nav = {
  label: "Navigation principale",
  leads: "Leads",
  todo: "À faire",
  agenda: "Agenda",
  clients: "Clients",
  stock: "Stock",
  campaigns: "Campagnes",
  dashboard: "Pilotage",
  intake: "Réception",
  settings: "Réglages",
};

export const common = {
  appName: "Carnet",
  loading: "Chargement…",
  save: "Enregistrer",
  cancel: "Annuler",
  close: "Fermer",
  retry: "Réessayer",
  all: "Tous",
  allFeminine: "Toutes",
  none: "—",
  unassigned: "Non assigné",
  system: "Système",
  yes: "Oui",
  no: "Non",
  comingSoon: "Bientôt disponible",
  comingSoonHint: "Cette partie de Carnet arrive dans une prochaine version.",
  notFound: "Page introuvable.",
  backToLeads: "Retour aux leads",
  ctrlEnterHint: "Ctrl+Entrée pour enregistrer",
};

export const topBar = {
  currentUser: "Utilisateur",
  chooseUser: "Choisir un utilisateur…",
  search: "Rechercher",
  searchPlaceholder: "Rechercher (/) : nom, téléphone, e-mail, immat., code",
  newLead: "Nouveau lead",
  newLeadShortcut: "Alt+N",
};

export const errors = {
  network: "Impossible de joindre Carnet depuis cette page : ouvrez l'application dans la fenêtre Carnet.",
  unknown: "Une erreur inattendue est survenue.",
  metaFailed: "Impossible de charger la configuration de Carnet.",
  listFailed: "Impossible de charger la liste des leads.",
  leadFailed: "Impossible de charger ce lead.",
  fieldRequired: "Ce champ est obligatoire.",
  lastNameRequired: "Le nom est obligatoire.",
  phoneOrEmailRequired: "Indiquez au moins un téléphone ou un e-mail.",
  reasonRequired: "Choisissez un motif de perte.",
  noteEmpty: "La note est vide.",
  invalidDate: "Date invalide.",
  dismiss: "Masquer",
};

export const list = {
  title: "Leads",
  search: "Rechercher dans les leads",
  searchPlaceholder: "Nom, téléphone, e-mail, immatriculation, code…",
  status: "Statut",
  kind: "Type",
  source: "Source",
  owner: "Responsable",
  site: "Site",
  overdue: "En retard",
  dueToday: "À échéance aujourd'hui",
  sort: "Tri",
  clearFilters: "Effacer les filtres",
  previous: "‹ Précédents",
  next: "Suivants ›",
  range: (from: number, to: number, total: string) => `${from}–${to} sur ${total}`,
  moreThan: (n: string) => `plus de ${n}`,
  zero: "0 lead",
  empty: "Aucun lead ne correspond à ces critères.",
  emptyHint: "Effacez les filtres ou créez un lead avec Alt+N.",
  columns: {
    code: "Code",
    status: "Statut",
    interest: "Intérêt",
    name: "Contact",
    phone: "Téléphone",
    kind: "Type",
    source: "Source",
    vehicle: "Véhicule",
    owner: "Responsable",
    site: "Site",
    created: "Créé le",
    deadline: "Échéance",
  },
};

export const lead = {
  code: "Code",
  owner: "Responsable",
  kind: "Type",
  source: "Source",
  stage: "Étape",
  interest: "Intérêt",
  site: "Site",
  deadline: "Échéance",
  noDeadline: "Pas d'échéance",
  counters: { tradeins: "Reprises", testdrives: "Essais", offers: "Offres", calls: "Appels" },
  createdAt: "Créé le",
  lastActivity: "Dernière activité",
  elapsed: "Depuis la création",
  actions: "Actions sur le lead",
  note: "Note",
  assign: "Assigner",
  status: "Statut",
  statusButton: (label: string) => `Statut : ${label}`,
  tradein: "Reprise",
  offer: "Offre",
  testdrive: "Essai",
  document: "Document",
  task: "Tâche",
  call: "Appel",
  callShortcut: "Alt+A",
  qualify: "Qualification",
  closeReason: "Motif de clôture",
  tabs: { details: "Détails", followUp: "Suivi", contacts: "Contacts" },
  message: "Message",
  noMessage: "Aucun message.",
  vehicle: "Véhicule recherché",
  ownedVehicle: "Véhicule actuel (reprise possible)",
  noVehicle: "Non renseigné",
  vin: "VIN",
  plate: "Immat.",
  price: "Prix affiché",
  timeline: "Historique",
  noEvents: "Aucun événement pour l'instant.",
  followUp: {
    deadline: "Échéance (heure de Paris)",
    deadlineHint: "Laissez vide puis enregistrez pour supprimer l'échéance.",
    saveDeadline: "Enregistrer l'échéance",
    contact: "Prise de contact",
    contactMade: "Contact pris",
    contactNotMade: "Contact pas pris",
    contactedAt: "Contacté le",
    notContacted: "Pas encore contacté.",
    saved: "Enregistré.",
    attempts: "Tentatives d'appel",
    calls: (n: number) => (n === 0 ? "Aucun appel enregistré." : n === 1 ? "1 appel enregistré." : `${n} appels enregistrés.`),
    failedAttempts: (n: number, of: number) => `${n} ${n <= 1 ? "tentative" : "tentatives"} sans réponse sur ${of}`,
    contactValidated: "Contact validé",
    mayCloseLost: "Clôture en perdu possible",
    mayNotCloseLost: "Clôture en perdu pas encore possible",
    ruleHint: (of: number) => `Un appel joint ou un message laissé (15 s et plus) valide le contact. Après ${of} tentatives sans réponse à des moments différents, le client reçoit un e-mail et le lead peut être clôturé en perdu.`,
    tasks: "Tâches",
    noTasks: "Aucune tâche pour ce lead.",
    newTask: "Nouvelle tâche",
    taskDone: (title: string) => `Marquer « ${title} » comme faite`,
    doneAt: (when: string) => `faite le ${when}`,
  },
  contactForm: {
    title: "Contact du lead",
    saved: "Contact enregistré.",
  },
};

export const contactFields = {
  firstName: "Prénom",
  lastName: "Nom",
  company: "Société",
  phone: "Téléphone",
  email: "E-mail",
  postalCode: "Code postal",
  city: "Ville",
  consentEmail: "Accepte les e-mails commerciaux",
  consentSms: "Accepte les SMS commerciaux",
};

export const dialogs = {
  note: { title: "Ajouter une note", text: "Note" },
  assign: { title: "Assigner le lead", user: "Responsable", site: "Site" },
  status: {
    title: "Changer le statut",
    status: "Nouveau statut",
    lostReason: "Motif de perte",
    wonReason: "Motif de gain",
    chooseReason: "Choisir un motif…",
    lostRuleNotMet: (failed: number, of: number) =>
      `Ce lead ne peut pas encore être classé perdu : il faut un contact, ou ${of} tentatives d'appel à des moments différents (${failed} pour l'instant).`,
    lostRuleManager: "En tant que responsable, vous pouvez forcer la clôture.",
    lostRuleAskManager: "Seul un responsable (chef des ventes, responsable après-vente, administrateur) peut forcer la clôture.",
    override: "Forcer la clôture (responsable)",
  },
  call: {
    title: "Enregistrer un appel",
    titleFor: (name: string) => `Appel — ${name}`,
    outcome: "Résultat",
    duration: "Durée (mm:ss ou secondes)",
    durationPlaceholder: "2:05",
    durationInvalid: "Durée invalide : écrivez par exemple 2:05 ou 125.",
    durationRequired: "Indiquez la durée de l'appel (mm:ss ou secondes).",
    shortCall: "Moins de 15 s : l'appel ne valide pas le contact.",
    start: "Démarrer",
    stop: "Arrêter",
    timer: "Chronomètre",
    note: "Note (facultatif)",
    save: "Enregistrer l'appel",
    hint: "Entrée pour enregistrer.",
  },
  task: {
    title: "Nouvelle tâche",
    kind: "Type",
    due: "Date et heure (heure de Paris)",
    duration: "Durée (minutes)",
    assignee: "Pour",
    taskTitle: "Intitulé (facultatif)",
    titlePlaceholder: "Par défaut : type et nom du contact",
    durationInvalid: "Durée invalide (1 à 1440 minutes).",
    save: "Planifier",
  },
};

export const callOutcomeLabels: Record<CallOutcome, string> = {
  joint: "Joint",
  messagerie: "Messagerie",
  pas_de_reponse: "Pas de réponse",
  faux_numero: "Faux numéro",
};

export const taskKindLabels: Record<TaskKind, string> = {
  appel: "Appel",
  email: "E-mail",
  rdv: "Rendez-vous",
  essai: "Essai",
  relance: "Relance",
};

export const todoSortLabels: Record<TodoSort, string> = {
  date: "Par date",
  interest: "Par intérêt",
};

export const todo = {
  title: "À faire",
  sort: "Tri",
  scope: "Afficher",
  scopeMe: "Moi",
  scopeAll: "Tous",
  overdue: (n: number) => (n === 0 ? "Rien en retard" : `${n} en retard`),
  count: (n: number) => (n <= 1 ? `${n} action` : `${n} actions`),
  deadline: "Échéance",
  call: "Appel",
  done: "Fait",
  open: "Ouvrir le lead",
  empty: "Rien à faire pour l'instant.",
  emptyHint: "Les tâches planifiées et les échéances des leads ouverts apparaissent ici.",
  loadFailed: "Impossible de charger la liste des choses à faire.",
  doneToast: (title: string) => `Tâche faite : ${title}`,
  noContact: "(sans lead)",
  columns: { due: "Pour", what: "Action", lead: "Lead / contact", interest: "Intérêt", who: "Pour qui", actions: "Actions" },
};

export const agenda = {
  title: "Agenda",
  day: "Jour",
  week: "Semaine",
  today: "Aujourd'hui",
  previous: "‹ Précédent",
  next: "Suivant ›",
  previousDay: "Jour précédent",
  nextDay: "Jour suivant",
  previousWeek: "Semaine précédente",
  nextWeek: "Semaine suivante",
  user: "Agenda de",
  shared: "Planning partagé",
  unassigned: "Non assigné",
  weekdays: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
  weekdaysLong: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
  months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  dayTitle: (weekday: string, day: number, month: string, year: number) => `${weekday} ${day} ${month} ${year}`,
  weekTitle: (from: string, to: string) => `Semaine du ${from} au ${to}`,
  loadFailed: "Impossible de charger l'agenda.",
  deadline: (code: string, name: string) => `Échéance ${code} — ${name}`,
  outsideBefore: "commence avant 8 h",
  outsideAfter: "finit après 20 h",
  dragHint: "Glissez une tâche pour la déplacer ; cliquez dessus pour l'ouvrir.",
  moved: (title: string, when: string) => `« ${title} » déplacée au ${when}.`,
  panel: {
    title: "Tâche",
    when: "Quand",
    duration: "Durée",
    minutes: (n: number) => `${n} min`,
    who: "Pour",
    lead: "Lead",
    openLead: "Ouvrir le lead",
    done: "Marquer comme faite",
    reopen: "Rouvrir",
    doneAt: (when: string) => `Faite le ${when}`,
    move: "Déplacer",
    moveTitle: "Déplacer (clavier)",
    close: "Fermer",
  },
};

export const smtpSecurityLabels: Record<SmtpSecurity, string> = {
  tls: "TLS",
  starttls: "STARTTLS",
  plain: "Sans chiffrement (local)",
};

export const settings = {
  title: "Réglages",
};

export const followup = {
  notifyManagers: "Prévenir aussi les responsables du site de chaque nouveau lead (en plus du vendeur)",
  title: "Suivi des leads",
  escalation: "Délai avant alerte du responsable (heures ouvrées)",
  digestHour: "Heure du récapitulatif quotidien",
  dedupDays: "Fusion des demandes en double (jours)",
  slaPointer: "Les délais se règlent dans « Règles » ci-dessous.",
  readOnly: "Seul un responsable (chef des ventes, responsable après-vente, administrateur) peut modifier ces réglages.",
  loadFailed: "Impossible de charger les réglages du suivi des leads.",
  save: "Enregistrer",
  saved: "Réglages enregistrés.",
  escalationInvalid: "Nombre d'heures entre 0 et 720.",
  digestHourInvalid: "Heure entre 0 et 23.",
  dedupDaysInvalid: "Nombre de jours entre 1 et 365.",
};

export const slaModeLabels: Record<SlaMode, string> = {
  working_hours: "Heures ouvrées",
  next_working_day: "Jour ouvré suivant (fermeture)",
};

export const rules = {
  title: "Règles",
  readOnly: "Seul un responsable (chef des ventes, responsable après-vente, administrateur) peut modifier les règles.",
  loadFailed: "Impossible de charger les règles.",
  kind: "Type",
  source: "Source",
  site: "Site",
  assignTitle: "Attribution des nouveaux leads",
  assignHint:
    "La première règle qui correspond s'applique ; sans règle, les vendeurs présents du site reçoivent les leads à tour de rôle (les absents sont remplacés par leur remplaçant).",
  assignTo: "Attribuer à",
  users: "Utilisateurs",
  roundRobins: "Tour de rôle",
  roundRobinSite: (site: string) => `Tour de rôle des vendeurs du site ${site}`,
  roundRobinLeadSite: "Tour de rôle sur le site du lead",
  inactiveUser: (name: string) => `${name} (inactif)`,
  active: "Active",
  slaTitle: "Délai de premier contact",
  slaHint: "Compté sur les horaires d'ouverture du site, hors jours fériés ; sans règle : 24 heures ouvrées.",
  mode: "Délai",
  hours: "Heures ouvrées",
  hoursInvalid: "Entre 1 et 2 000 heures ouvrées.",
  empty: "Aucune règle.",
  add: "Ajouter une règle",
  ruleLabel: (n: number) => `Règle ${n}`,
  up: (n: number) => `Monter la règle ${n}`,
  down: (n: number) => `Descendre la règle ${n}`,
  remove: (n: number) => `Supprimer la règle ${n}`,
  removeShort: "Supprimer",
  invalidForm: "Corrigez les champs signalés.",
  save: "Enregistrer",
  saved: "Règles enregistrées.",
};

export const team = {
  title: "Équipe",
  readOnly: "Seul un responsable (chef des ventes, responsable après-vente, administrateur) peut modifier l'équipe.",
  empty: "Aucun utilisateur.",
  columns: { name: "Nom", role: "Rôle", site: "Site", state: "État", actions: "Actions" },
  active: "Actif",
  inactive: "Inactif",
  actionsFor: (name: string) => `Actions pour ${name}`,
  absence: "Absence",
  absentUntil: "Absent jusqu'au (inclus)",
  backup: "Remplaçant pendant l'absence",
  backupUnchanged: "Inchangé",
  saveAbsence: "Enregistrer l'absence",
  absenceRecorded: (day: string, backup: string | null) =>
    `Absence enregistrée jusqu'au ${day} inclus` + (backup ? ` (remplaçant : ${backup}).` : "."),
  absenceSaved: (name: string, day: string) => `Absence de ${name} enregistrée jusqu'au ${day} inclus.`,
  present: "Présent",
  presentSaved: (name: string) => `${name} : retour enregistré, plus d'absence en cours.`,
  dateRequired: "Choisissez la date de retour.",
  datePast: "Cette date est déjà passée.",
  deactivate: "Désactiver",
  deactivateTitle: (name: string) => `Désactiver ${name}`,
  deactivateQuestion: (name: string) =>
    `Désactiver ${name} ? Son compte est conservé dans l'historique, mais ne pourra plus être choisi.`,
  heir: "Confier ses leads et tâches à",
  chooseHeir: "Choisir un utilisateur…",
  heirRequired: "Choisissez à qui confier ses leads et tâches.",
  deactivateConfirm: "Oui, désactiver",
  deactivated: (name: string) => `Compte de ${name} désactivé.`,
};

export const smtp = {
  title: "Envoi des e-mails (SMTP)",
  notConfigured: "L'envoi des e-mails n'est pas configuré : les alertes aux vendeurs ne partent pas, et les e-mails aux clients attendent dans la file.",
  server: "Serveur",
  sender: "Expéditeur",
  pending: "En attente d'envoi",
  failed: "En échec",
  lastError: "Dernière erreur",
  statusFailed: "Impossible de lire l'état de l'envoi des e-mails.",
  send: "Envoyer maintenant",
  sending: "Envoi en cours…",
  sendDone: (sent: number, failed: number) =>
    sent === 0 && failed === 0
      ? "Aucun e-mail à envoyer pour l'instant."
      : `${sent} ${plural(sent, "e-mail envoyé", "e-mails envoyés")}` + (failed ? `, ${failed} en échec.` : "."),
  formTitle: "Configuration",
  host: "Serveur SMTP",
  hostPlaceholder: "smtp.exemple.fr",
  port: "Port",
  security: "Sécurité",
  username: "Identifiant (facultatif)",
  password: "Mot de passe",
  passwordUnchanged: "inchangé",
  passwordSet: "Mot de passe enregistré (jamais réaffiché).",
  passwordMissing: "Aucun mot de passe enregistré.",
  fromAddress: "Adresse d'expédition",
  fromAddressPlaceholder: "leads@garage.fr",
  fromName: "Nom de l'expéditeur",
  fromNamePlaceholder: "Garage du Centre",
  save: "Enregistrer",
  saved: "Configuration enregistrée.",
  portInvalid: "Port invalide (587 en général).",
};

export const quickEntry = {
  title: "Nouveau lead",
  contact: "Contact",
  lead: "Lead",
  vehicle: "Véhicule recherché",
  ownedVehicle: "Véhicule actuel",
  required: "obligatoire",
  phoneOrEmail: "Téléphone ou e-mail obligatoire (au moins l'un des deux)",
  kind: "Type",
  source: "Source",
  site: "Site",
  owner: "Responsable",
  interest: "Intérêt",
  interestUnknown: "Non précisé",
  noOwner: "Non assigné (selon les règles)",
  make: "Marque",
  model: "Modèle",
  version: "Version",
  vin: "VIN",
  plate: "Immatriculation",
  message: "Message / demande du client",
  save: "Créer le lead",
  cancel: "Annuler",
  hint: "Entrée pour enregistrer, Échap pour annuler.",
  existingContact: "Contact existant :",
  useMatch: "Utiliser ce contact",
  usingMatch: "Lead rattaché au contact existant :",
  undoMatch: "Ne pas utiliser ce contact",
  otherMatches: (n: number) => (n === 1 ? "1 autre contact correspond" : `${n} autres contacts correspondent`),
  invalidForm: "Corrigez les champs signalés.",
};

// Relative times and durations.
export const time = {
  justNow: "à l'instant",
  ago: (d: string) => `il y a ${d}`,
  dueIn: (d: string) => `échéance dans ${d}`,
  lateBy: (d: string) => `en retard de ${d}`,
  lessThanAMinute: "moins d'1 min",
  minutes: (m: number) => `${m} min`,
  hours: (h: number) => `${h} h`,
  hoursMinutes: (h: number, mm: string) => `${h} h ${mm}`,
  days: (d: number) => `${d} j`,
  daysHours: (d: number, h: number) => `${d} j ${h} h`,
  inDuration: (d: string) => `dans ${d}`,
  lateFor: (d: string) => `en retard de ${d}`,
};

// Byte sizes (French units: octet, kilo-octet…).
export const units = { bytes: "o", kilo: "Ko", mega: "Mo", giga: "Go" };

/** Inbound message states, as filters (plural) and as the state of one message. */
export const inboundStates = {
  filter: {
    quarantined: "En quarantaine",
    lead: "Leads créés",
    merged: "Fusionnés",
    converted: "Convertis",
    discarded: "Écartés",
  } as Record<string, string>,
  one: {
    received: "Reçu, en cours d'analyse",
    quarantined: "En quarantaine",
    lead: "Lead créé",
    merged: "Fusionné dans un lead existant",
    converted: "Converti en lead",
    discarded: "Écarté",
  } as Record<string, string>,
};

export const reception = {
  title: "Réception",
  counts: {
    label: "Réception du jour",
    receivedToday: "Reçus aujourd'hui",
    leadsToday: "Leads créés aujourd'hui",
    mergedToday: "Fusionnés aujourd'hui",
    quarantined: "En quarantaine",
  },
  countsFailed: "Impossible de charger les compteurs de réception.",
  summary: {
    none: "Aucun nouveau message.",
    messages: (n: number) => `${n} ${plural(n, "message", "messages")}`,
    leads: (n: number) => `${n} ${plural(n, "lead créé", "leads créés")}`,
    merged: (n: number) => `${n} ${plural(n, "fusionné", "fusionnés")}`,
    duplicates: (n: number) => `${n} ${plural(n, "doublon ignoré", "doublons ignorés")}`,
    quarantined: (n: number) => `${n} en quarantaine`,
    errors: (n: number) => `${n} ${plural(n, "erreur", "erreurs")}`,
    join: (head: string, parts: string[]) => `${head} : ${parts.join(", ")}.`,
  },
};

export const securityLabels: Record<MailSecurity, string> = {
  tls: "TLS",
  plain: "Sans chiffrement (local)",
};

export const mailbox = {
  title: "Boîte mail",
  notConfigured: "Aucune boîte mail n'est configurée : renseignez-la ci-contre pour recevoir les leads automatiquement.",
  server: "Serveur",
  user: "Identifiant",
  folder: "Dossier",
  lastPoll: "Dernière relève",
  lastPollAgo: (ago: string) => `dernière relève ${ago}`,
  neverPolled: "jamais relevée",
  lastSummary: "Dernier bilan",
  lastError: "Dernière erreur",
  every: (seconds: number) => `relève automatique toutes les ${seconds} s`,
  poll: "Relever maintenant",
  polling: "Relève en cours…",
  pollDone: (box: string, summary: string) => `${box} : ${summary}`,
  statusFailed: "Impossible de lire l'état de la boîte mail.",
  formTitle: "Configuration de la boîte",
  host: "Serveur IMAP",
  hostPlaceholder: "imap.exemple.fr",
  port: "Port",
  security: "Sécurité",
  username: "Identifiant",
  password: "Mot de passe",
  passwordUnchanged: "inchangé",
  passwordSet: "Mot de passe enregistré.",
  passwordMissing: "Aucun mot de passe enregistré.",
  secretStore: (store: string) => `Le mot de passe est conservé dans : ${store}. Il n'est jamais réaffiché.`,
  folderLabel: "Dossier",
  pollSeconds: "Intervalle de relève (secondes)",
  caFile: "Certificat à approuver (fichier PEM, facultatif)",
  caFilePlaceholder: "/chemin/vers/certificat.pem",
  save: "Enregistrer",
  saved: "Configuration enregistrée.",
  portInvalid: "Port invalide (993 en général).",
  pollSecondsInvalid: "Intervalle de relève entre 30 secondes et 24 heures.",
};

export const quarantine = {
  title: "Messages reçus",
  show: "Afficher",
  columns: {
    date: "Date",
    from: "Expéditeur",
    subject: "Objet",
    reason: "Motif",
    size: "Taille",
    lead: "Lead",
  },
  noSubject: "(sans objet)",
  unknownSender: "(expéditeur inconnu)",
  empty: "Aucun message dans cette catégorie.",
  emptyQuarantine: "La quarantaine est vide : tous les messages reçus ont été traités.",
  listFailed: "Impossible de charger les messages reçus.",
  zero: "0 message",
};

export const inbound = {
  title: "Message",
  close: "Fermer",
  from: "Expéditeur",
  subject: "Objet",
  date: "Date du message",
  receivedAt: "Reçu le",
  state: "État",
  reason: "Motif",
  parser: "Format reconnu",
  lead: "Lead",
  size: "Taille",
  body: "Contenu du message (texte seul)",
  emptyBody: "(message vide)",
  loadFailed: "Impossible de charger ce message.",
  convert: "Créer un lead",
  discard: "Écarter",
  discardQuestion: "Écarter ce message de la quarantaine ? Il reste archivé dans la base, mais ne sera plus proposé.",
  discardConfirm: "Oui, écarter",
  discarded: "Message écarté.",
  actions: "Actions sur le message",
};

export const convert = {
  title: "Créer un lead depuis ce message",
  prefilled: "Champs préremplis d'après le message : vérifiez-les avant d'enregistrer.",
  notPrefilled: "Le message n'a pas pu être lu automatiquement : saisissez le lead.",
  chooseSite: "Choisir un site…",
  ownedVehicle: "Véhicule actuel (repris du message)",
  externalRef: "Référence de l'annonce",
  save: "Créer le lead",
  cancel: "Annuler",
};

export const notificationsText = {
  title: "Notifications",
  bell: (unread: number) => (unread === 0 ? "Notifications" : `Notifications (${unread} ${plural(unread, "non lue", "non lues")})`),
  empty: "Aucune notification.",
  markAllRead: "Tout marquer comme lu",
  loadFailed: "Impossible de charger les notifications.",
  more: (n: number) => `${n} autres notifications`,
  closeToast: "Fermer",
};

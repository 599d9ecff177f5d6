// Strings of the whole window: navigation, common words, errors, times and sizes.

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
export const units = { bytes: "o", kilo: "Ko", mega: "Mo", giga: "Go", km: "km" };

// Réception: inbound messages, mailbox, quarantine.
import { plural } from "./plural";

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
  readOnly: "Seul l'administrateur configure la boîte mail.",
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

// Privacy (RGPD): the consent history and the personal data block of the lead's Contact tab,
// and Réglages → Confidentialité (retention).
import { plural } from "./plural";

const years = (n: number) => `${n} ${plural(n, "an", "ans")}`;

export const consents = {
  title: "Consentements",
  loadFailed: "Impossible de charger l'historique des consentements.",
  empty: "Aucun changement de consentement enregistré.",
  columns: { at: "Date", channel: "Canal", change: "Changement", source: "Origine", user: "Par" },
  channels: { email: "E-mail", sms: "SMS" } as Record<string, string>,
  yes: "oui",
  no: "non",
  change: (from: string, to: string) => `${from} → ${to}`,
};

export const personalData = {
  title: "Données personnelles (RGPD)",
  intro: "Droit d'accès et droit à l'effacement de la personne.",
  export: "Exporter ses données",
  exporting: "Export en cours…",
  exported: (name: string) => `Données exportées dans le dossier Téléchargements : ${name}`,
  erase: "Effacer cette personne…",
  erased: "Personne effacée : ses données personnelles ont été anonymisées.",
  eraseTitle: "Effacer cette personne ?",
  eraseText:
    "L'effacement est définitif : le nom, les coordonnées, les consentements, les messages, les e-mails reçus et envoyés, l'historique et les fichiers de ses leads sont anonymisés partout dans Carnet. Il ne peut pas être annulé.",
  eraseKept:
    "Ce qui est conservé : les bons de commande gardent leur numéro, leurs montants et leur véhicule, sans la personne (pièces comptables). Les leads restent, anonymisés, pour les statistiques.",
  eraseBackups: "Les sauvegardes gardent les anciennes données jusqu'à leur rotation.",
  eraseTypeLabel: (word: string) => `Pour confirmer, tapez ${word}`,
  eraseConfirm: "Effacer définitivement",
  eraseDone: "Personne effacée.",
  reportLeads: (n: number) => `${n} ${plural(n, "lead anonymisé", "leads anonymisés")}`,
  reportEvents: (n: number) => `${n} ${plural(n, "événement effacé", "événements effacés")}`,
  reportMailsReceived: (n: number) => `${n} ${plural(n, "e-mail reçu effacé", "e-mails reçus effacés")}`,
  reportMailsSent: (n: number) => `${n} ${plural(n, "e-mail envoyé effacé", "e-mails envoyés effacés")}`,
  reportFiles: (n: number) => `${n} ${plural(n, "fichier supprimé", "fichiers supprimés")}`,
  reportOrders: (n: number) => `${n} ${plural(n, "bon de commande conservé", "bons de commande conservés")} sans la personne`,
};

export const privacyTab = {
  title: "Confidentialité",
  explanation: (prospectYears: number, customerYears: number) =>
    `Chaque jour, Carnet anonymise les prospects sans contact actif depuis ${years(prospectYears)} et les clients depuis ${years(customerYears)} (CNIL). Un prospect qui répond STOP ne reçoit plus de prospection.`,
  loadFailed: "Impossible de lire les réglages de conservation.",
  previewFailed: "Impossible de calculer le prochain passage.",
  durations: "Durées de conservation",
  prospectYears: "Prospects (années)",
  customerYears: "Clients (années)",
  yearsHint: "de 1 à 30 ans ; la CNIL recommande 3 ans pour un prospect",
  yearsInvalid: "Durée de conservation : de 1 à 30 ans.",
  save: "Enregistrer",
  saved: "Durées de conservation enregistrées.",
  readOnly: "Les durées de conservation sont réglées par l'administrateur.",
  nextRun: (n: number) => `Prochain passage : ${n} ${plural(n, "contact", "contacts")} à anonymiser`,
  examined: (n: number) => `${n} ${plural(n, "contact examiné", "contacts examinés")}`,
  truncated: (shown: number) => `Seuls les ${shown} premiers sont listés.`,
  noneDue: "Aucun contact à anonymiser au prochain passage.",
  columns: { name: "Nom", kind: "Type", lastActive: "Dernière activité" },
  customer: "Client",
  prospect: "Prospect",
  kept: "Conservés",
  keptNone: "Aucun contact conservé.",
  keptRow: (reason: string, n: number) => `${reason} : ${n}`,
  unnamed: "(sans nom)",
};

// The contact's file (Clients): the Bloctel badge, the probable duplicates and the merge of two
// files, and the Bloctel list of Réglages → Confidentialité.
import { plural } from "./plural";

export const bloctel = {
  badge: "Bloctel",
  badgeTitle: "Numéro inscrit sur Bloctel : pas de démarchage téléphonique. Un appel qui répond à sa propre demande reste permis.",
};

export const contactSheet = {
  title: "Fiche contact",
  open: "Ouvrir la fiche contact",
  consentHistory: "Historique des consentements",
};

export const duplicates = {
  title: "Doublons probables",
  intro: "Ces fiches semblent désigner la même personne.",
  loadFailed: "Impossible de chercher les doublons.",
  none: "Aucun doublon probable.",
  leads: (n: number) => `${n} ${plural(n, "lead", "leads")}`,
  customerCode: (code: string) => `n° client ${code}`,
  common: (reasons: string) => `en commun : ${reasons}`,
  unnamed: "(sans nom)",
  merge: "Fusionner…",
  mergeLabel: (name: string) => `Fusionner avec ${name}`,
};

export const contactMerge = {
  title: "Fusionner deux fiches",
  choose: "Fiche gardée",
  kept: "gardée",
  absorbed: "absorbée",
  open: "fiche ouverte",
  explanation:
    "Les leads, l'historique DMS, les alertes VO, les appels de campagne et l'historique des consentements de la fiche absorbée passent sur la fiche gardée. Les valeurs de la fiche gardée priment ; ce qui ne tient pas est noté sur les leads. Le consentement retenu est le dernier choix exprimé ; un retrait l'emporte.",
  confirm: "Fusionner les fiches",
  fields: { phone: "Téléphone", email: "E-mail", city: "Ville", customerCode: "N° client", leads: "Leads" },
  prospect: "prospect",
  done: "Fiches fusionnées.",
  reportLeads: (n: number) => `${n} ${plural(n, "lead déplacé", "leads déplacés")}`,
  reportHistory: (n: number) => `${n} ${plural(n, "ligne d'historique DMS déplacée", "lignes d'historique DMS déplacées")}`,
  reportAlerts: (n: number) => `${n} ${plural(n, "alerte VO déplacée", "alertes VO déplacées")}`,
  reportConsents: (n: number) => `${n} ${plural(n, "changement de consentement déplacé", "changements de consentement déplacés")}`,
  consentsAfter: (email: string, sms: string) => `Consentements retenus : e-mail ${email}, SMS ${sms}`,
  yes: "oui",
  no: "non",
  keptAside: "Noté sur les leads (ne tenait pas sur la fiche gardée) :",
};

/** « 1 234 numéros »: the count as shown (French separators) and the word agreeing with it. */
const counted = (n: number, shown: string, one: string, many: string) => `${shown} ${plural(n, one, many)}`;

export const bloctelList = {
  title: "Liste Bloctel",
  numbers: (n: number, shown: string) => counted(n, shown, "numéro", "numéros"),
  contactsListed: (n: number, shown: string) => counted(n, shown, "contact concerné", "contacts concernés"),
  status: (numbers: string, contacts: string, origin: string) => `${numbers}, ${contacts} — ${origin}`,
  fileOf: (file: string, date: string) => `fichier ${file} du ${date}`,
  importedOn: (date: string) => `importée le ${date}`,
  none: "Aucune liste importée",
  stale: "Liste de plus de 30 jours : soumettez de nouveau vos numéros à Bloctel et importez le fichier renvoyé.",
  explanation:
    "Bloctel renvoie le fichier de vos numéros inscrits sur sa liste d'opposition : un numéro par ligne, éventuellement suivi d'une date. Chaque import remplace la liste précédente ; les contacts dont le mobile ou le fixe y figure ne reçoivent plus d'appel de prospection (un appel qui répond à leur propre demande reste permis).",
  file: "Fichier renvoyé par Bloctel (texte ou CSV)",
  checking: "Lecture du fichier…",
  added: (n: number, shown: string) => counted(n, shown, "ajouté", "ajoutés"),
  removed: (n: number, shown: string) => counted(n, shown, "retiré", "retirés"),
  willExclude: (n: number, shown: string) => counted(n, shown, "contact sera exclu", "contacts seront exclus"),
  excluded: (n: number, shown: string) => counted(n, shown, "contact exclu", "contacts exclus"),
  preview: (numbers: string, added: string, removed: string, contacts: string) => `${numbers} : ${added}, ${removed} ; ${contacts} de la prospection téléphonique`,
  done: (numbers: string, contacts: string) => `Liste Bloctel importée : ${numbers} ; ${contacts} de la prospection téléphonique.`,
  import: "Importer",
  importing: "Import en cours…",
  cancel: "Annuler",
  refused: "Rien n'a été importé.",
  unreadable: "Impossible de lire ce fichier.",
  loadFailed: "Impossible de lire l'état de la liste Bloctel.",
  readOnly: "Le chef des ventes, le responsable après-vente ou l'administrateur importe la liste.",
};

/** Labels of the timeline's contact events. */
export const contactEventLabels: Record<string, string> = {
  contacts_merged: "Fusion de fiches",
};

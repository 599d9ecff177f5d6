// Strings of the Campagnes screen: the phone campaigns and their figures, a new campaign's
// targeting, and the calls to make.
import type { CampaignOutcome } from "../campaigns";
import { plural } from "./plural";

/** « 3 intéressés »: the count as shown (French separators) and the word agreeing with it. */
const counted = (n: number, shown: string, one: string, many: string) => `${shown} ${plural(n, one, many)}`;

export const campaignOutcomeLabels: Record<CampaignOutcome, string> = {
  interesse: "Intéressé",
  pas_interesse: "Pas intéressé",
  injoignable: "Injoignable",
  rappeler: "À rappeler",
  ne_plus_appeler: "Ne plus appeler",
};

export const campaignList = {
  title: "Campagnes",
  intro: "Campagnes d'appels sur le fichier clients : les vendeurs appellent, chaque personne intéressée devient un lead.",
  new: "Nouvelle campagne",
  loadFailed: "Impossible de charger les campagnes.",
  empty: "Aucune campagne.",
  emptyManager: "« Nouvelle campagne » cible des contacts du fichier clients et partage les appels entre les vendeurs.",
  emptyOther: "Le chef des ventes, le responsable après-vente ou l'administrateur crée les campagnes.",
  created: (name: string) => `Campagne « ${name} » créée.`,
  columns: {
    name: "Campagne",
    kind: "Leads",
    created: "Créée le",
    progress: "Avancement",
    toCall: "À appeler",
    interested: "Intéressés",
    leads: "Leads créés",
    notInterested: "Pas intéressés",
    unreachable: "Injoignables",
    doNotCall: "Ne plus appeler",
    blocked: "Bloqués Bloctel",
    conversion: "Transformation",
  },
  by: (date: string, who: string) => `${date} par ${who}`,
  byWho: (who: string) => `par ${who}`,
  /** « 12 / 95 » (figures already formatted). */
  progress: (done: string, total: string) => `${done} / ${total}`,
  progressTitle: "Appels traités sur les appels à passer (un appel « à rappeler » reste à passer ; les numéros bloqués par Bloctel ne comptent pas).",
  conversionTitle: "Leads créés rapportés aux appels traités.",
  progressLine: (n: number, done: string, total: string) => `${counted(n, done, "appel traité", "appels traités")} sur ${total}`,
  toCall: (shown: string) => `${shown} à appeler`,
  interested: (n: number, shown: string) => counted(n, shown, "intéressé", "intéressés"),
  leads: (n: number, shown: string) => counted(n, shown, "lead créé", "leads créés"),
  notInterested: (n: number, shown: string) => counted(n, shown, "pas intéressé", "pas intéressés"),
  unreachable: (n: number, shown: string) => counted(n, shown, "injoignable", "injoignables"),
  doNotCall: (shown: string) => `${shown} ne plus appeler`,
  blocked: (n: number, shown: string) => counted(n, shown, "bloqué Bloctel", "bloqués Bloctel"),
  conversion: (rate: string) => `transformation ${rate}`,
};

/** A campaign's criteria, as one line. */
export const campaignTarget = {
  all: "tous les contacts",
  customersOnly: "clients du DMS uniquement",
  boughtBetween: (from: string, to: string) => `achat d'un véhicule entre le ${from} et le ${to}`,
  boughtSince: (from: string) => `achat d'un véhicule depuis le ${from}`,
  boughtUntil: (to: string) => `achat d'un véhicule jusqu'au ${to}`,
  noVisitSince: (day: string) => `pas de passage à l'atelier depuis le ${day}`,
  postalPrefix: (prefix: string) => `code postal commençant par ${prefix}`,
};

export const newCampaign = {
  title: "Nouvelle campagne",
  name: "Nom de la campagne",
  namePlaceholder: "Renouvellement VN 2021",
  kind: "Type des leads créés",
  criteria: "Contacts ciblés",
  criteriaHint: "Tous les critères renseignés doivent être remplis.",
  customersOnly: "Clients du DMS uniquement",
  boughtFrom: "Achat d'un véhicule entre le",
  boughtTo: "et le",
  noVisitSince: "Pas de passage à l'atelier depuis le",
  postalPrefix: "Code postal commençant par",
  postalPlaceholder: "69",
  assignees: "Vendeurs qui se partagent les appels",
  assigneesHint: "Les appels sont répartis à tour de rôle. Sans personne de coché, chacun peut prendre les appels.",
  noUsers: "Aucun utilisateur actif.",
  check: "Vérifier le ciblage",
  checking: "Vérification…",
  create: "Créer la campagne",
  checkFirst: "Vérifiez le ciblage avant de créer la campagne.",
  stale: "Les critères ont changé : vérifiez de nouveau le ciblage.",
  summary: (matching: number, matchingShown: string, targetsShown: string) =>
    `${counted(matching, matchingShown, "contact correspond", "contacts correspondent")}, ${targetsShown} à appeler`,
  excludedTitle: "Exclus de la campagne :",
  excluded: (reason: string, shown: string) => `${reason} : ${shown}`,
  noneExcluded: "Aucun contact exclu.",
  bloctelLaw: "Les numéros inscrits sur Bloctel sont toujours exclus : la loi interdit de les démarcher par téléphone.",
  nameRequired: "Donnez un nom à la campagne.",
  invalidDate: "Date invalide (jj/mm/aaaa).",
  dateOrder: "Cette date précède celle de début d'achat.",
  postalInvalid: "Début de code postal invalide (exemple : 69 ou 691).",
};

export const campaignCalls = {
  back: "Toutes les campagnes",
  notFound: "Campagne introuvable.",
  kind: "Leads",
  created: "Créée le",
  target: "Ciblage",
  filters: "Filtres des appels",
  mine: "Mes appels",
  mineTitle: "Les appels qui me sont confiés et ceux confiés à personne",
  toCall: "À appeler",
  toCallTitle: "Les appels pas encore passés et ceux à rappeler",
  loadFailed: "Impossible de charger les appels.",
  none: "Aucun appel.",
  noneFiltered: "Aucun appel avec ces filtres.",
  zero: "0 appel",
  columns: {
    name: "Nom",
    phone: "Téléphone",
    city: "Ville",
    code: "N° client",
    assignee: "Attribué à",
    outcome: "Résultat",
    calledAt: "Appelé le",
    note: "Note",
    lead: "Lead",
  },
  pending: "À appeler",
  blocked: "Ne pas appeler : numéro inscrit sur Bloctel",
  log: (name: string) => `Résultat de l'appel de ${name}`,
  note: "Note",
  notePlaceholder: "Note (facultatif)",
  correct: "Corriger",
  correctTitle: "Changer le résultat de cet appel",
  correctCancel: "Annuler",
  saving: "Enregistrement…",
  leadCreated: "Lead créé :",
};

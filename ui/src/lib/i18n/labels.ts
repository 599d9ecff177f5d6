// Labels of the backend's enumerations (statuses, kinds, roles…).
import type { CallOutcome, Interest, LeadKind, LeadSort, LeadStage, LeadStatus, MailSecurity, Role, SlaMode, SmtpSecurity, TaskKind, TodoSort } from "../bindings";

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

export const smtpSecurityLabels: Record<SmtpSecurity, string> = {
  tls: "TLS",
  starttls: "STARTTLS",
  plain: "Sans chiffrement (local)",
};

/** The states of a mail in the outbox (Réglages → E-mails). */
export const outboxStateLabels: Record<"pending" | "sent" | "failed", string> = {
  pending: "En attente",
  sent: "Envoyé",
  failed: "Échec définitif",
};

export const slaModeLabels: Record<SlaMode, string> = {
  working_hours: "Heures ouvrées",
  next_working_day: "Jour ouvré suivant (fermeture)",
};

export const securityLabels: Record<MailSecurity, string> = {
  tls: "TLS",
  plain: "Sans chiffrement (local)",
};

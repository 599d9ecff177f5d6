// Sign-in, lock screen and the user menu of the top bar.

export const signIn = {
  title: "Connexion",
  subtitle: "Qui êtes-vous ?",
  users: "Utilisateurs",
  noUsers: "Aucun utilisateur ne peut se connecter : demandez à l'administrateur de vous créer un compte.",
  login: "E-mail ou nom",
  password: "Mot de passe",
  pin: "Code PIN",
  usePin: "Utiliser mon code PIN",
  usePassword: "Utiliser mon mot de passe",
  submit: "Se connecter",
  busy: "Connexion…",
  loginRequired: "Saisissez votre e-mail ou votre nom, ou choisissez-vous dans la liste.",
  passwordRequired: "Saisissez votre mot de passe.",
  pinRequired: "Saisissez votre code PIN.",
  demoPassword: (password: string) => `Base de démonstration : mot de passe de tous les utilisateurs : ${password}`,
  sessionEnded: "Votre session est terminée : connectez-vous à nouveau.",
};

export const lockScreen = {
  title: "Session verrouillée",
  lockedFor: (name: string) => `Session de ${name} verrouillée.`,
  hint: "Saisissez votre mot de passe pour reprendre où vous en étiez.",
  hintPin: "Saisissez votre code PIN ou votre mot de passe pour reprendre où vous en étiez.",
  submit: "Déverrouiller",
  switchUser: "Changer d'utilisateur",
};

export const userMenu = {
  label: (name: string) => `Menu de ${name}`,
  switchUser: "Changer d'utilisateur",
  lock: "Verrouiller",
  password: "Mon mot de passe",
  pin: "Mon code PIN",
};

export const passwordDialog = {
  title: "Changer mon mot de passe",
  current: "Mot de passe actuel",
  new: "Nouveau mot de passe",
  confirm: "Confirmer le nouveau mot de passe",
  rule: "8 caractères au moins, avec des lettres et des chiffres, sans votre nom ni votre e-mail.",
  mismatch: "Les deux mots de passe ne sont pas identiques.",
  required: "Saisissez votre mot de passe actuel.",
  save: "Changer le mot de passe",
  saved: "Mot de passe changé.",
};

export const pinDialog = {
  title: "Mon code PIN",
  intro: "Le code PIN permet de se connecter et de déverrouiller plus vite sur ce poste.",
  pin: "Nouveau code PIN (4 à 6 chiffres)",
  confirm: "Confirmer le code PIN",
  mismatch: "Les deux codes ne sont pas identiques.",
  invalid: "Code PIN : 4 à 6 chiffres.",
  save: "Enregistrer le code PIN",
  remove: "Retirer mon code PIN",
  hasPin: "Vous avez un code PIN.",
  saved: "Code PIN enregistré.",
  removed: "Code PIN retiré.",
};

// Every French string shown to the user lives in this folder, one module per screen; components
// and helpers import from here (`lib/i18n`) only. Identifiers and comments stay in English.
export * from "./labels";
export * from "./common";
export * from "./leads";
export * from "./followup";
export * from "./settings";
export * from "./intake";
export * from "./notify";
export * from "./auth";
export * from "./setup";
export * from "./admin";
export * from "./documents";
export * from "./reports";
export * from "./dms";
export * from "./privacy";
export * from "./contacts";
export * from "./campaigns";

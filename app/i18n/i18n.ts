import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { en } from "./en";
import { sl } from "./sl";

/** Shared by server and browser: both languages are bundled (they are small). */
export const LOCALES = ["sl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === "sl" || value === "en";
}

const instances = new Map<Locale, I18n>();

export function getI18n(locale: Locale): I18n {
  let inst = instances.get(locale);
  if (!inst) {
    inst = i18next.createInstance();
    void inst.init({
      lng: locale,
      fallbackLng: "en",
      resources: { en: { translation: en }, sl: { translation: sl } },
      interpolation: { escapeValue: false }, // React escapes
      initAsync: false,
      showSupportNotice: false,
    });
    instances.set(locale, inst);
  }
  return inst;
}

export function getT(locale: Locale): TFunction {
  return getI18n(locale).t;
}

import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }];

export default function Home() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("home.title")}</h1>
      <p className="muted">{t("home.intro")}</p>
      <p className="actions">
        <Link className="button" to="/new">{t("home.newTicket")}</Link>
        <Link className="button secondary" to="/my-links">{t("home.myLinks")}</Link>
      </p>
      <p><Link to="/privacy">{t("privacy.title")}</Link></p>
      <p><Link to="/login">{t("home.staff")}</Link></p>
    </div>
  );
}

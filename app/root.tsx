import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse,
  useLoaderData, useLocation, useRouteError, useRouteLoaderData,
} from "@remix-run/react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { getI18n, type Locale } from "./i18n/i18n";
import { getLocale } from "./i18n/locale.server";
import { ensureCsrfToken } from "./auth/csrf.server";
import { getStaffUser, mayViewReports } from "./auth/guards.server";
import stylesheet from "./ui/app.css";
import { useNonce } from "./ui/nonce";
import { getConfig } from "./config.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

// Pages without a meta export of their own (admin pages) still get the company's name as title.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.company ?? "Minidesk" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [csrf, user] = await Promise.all([ensureCsrfToken(request), getStaffUser(request, context)]);
  // A staff member's own choice (profile) first, then the cookie, the browser, DEFAULT_LOCALE.
  const locale = await getLocale(request, user);
  return json(
    { locale, company: getConfig().COMPANY_NAME, csrfToken: csrf.token, user: user && { name: user.name, role: user.role, reports: mayViewReports(user) } },
    { headers: csrf.setCookie ? { "Set-Cookie": csrf.setCookie } : {} },
  );
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

function Header({ locale, user, company }: { locale: Locale; user: RootData["user"]; company: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <Link to="/" className="brand">{company}</Link>
      <nav aria-label={t("staff.mainNav")}>
        {user ? (
          <>
            <Link to="/queue">{t("app.queue")}</Link>
            <Link to="/profile">{t("profile.title")}</Link>
            {user.role === "ADMIN" && <Link to="/admin">{t("app.admin")}</Link>}
            {user.reports && <Link to="/reports">{t("app.reports")}</Link>}
            <span className="who">{user.name}</span>
            <Form method="post" action="/logout" className="inline">
              <CsrfInput />
              <button type="submit" className="link">{t("app.signOut")}</button>
            </Form>
          </>
        ) : (
          <Link to="/login">{t("app.signIn")}</Link>
        )}
        {user ? (
          // Signed in: the choice is saved to the profile, so it is a form (CSRF-checked), not a link.
          <Form method="post" action="/lang" className="lang inline" aria-label={t("app.language")}>
            <CsrfInput />
            <input type="hidden" name="to" value={here} />
            {(["sl", "en"] as const).map((l) =>
              l === locale ? (
                <strong key={l} aria-current="true">{l.toUpperCase()}</strong>
              ) : (
                <button key={l} type="submit" name="l" value={l} className="link" lang={l}>{l.toUpperCase()}</button>
              ),
            )}
          </Form>
        ) : (
          <span className="lang" aria-label={t("app.language")}>
            {(["sl", "en"] as const).map((l) =>
              l === locale ? (
                <strong key={l} aria-current="true">{l.toUpperCase()}</strong>
              ) : (
                <a key={l} href={`/lang?l=${l}&to=${encodeURIComponent(here)}`} hrefLang={l} lang={l}>{l.toUpperCase()}</a>
              ),
            )}
          </span>
        )}
      </nav>
    </header>
  );
}

export function CsrfInput() {
  const data = useRouteLoaderData<typeof loader>("root");
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />;
}

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user, company } = useLoaderData<typeof loader>();
  const i18n = getI18n(locale);
  const { t } = i18n;
  return (
    <I18nextProvider i18n={i18n}>
      <Document locale={locale}>
        <a href="#main" className="skip">{t("app.skipToContent")}</a>
        <Header locale={locale} user={user} company={company} />
        <main id="main">
          <Outlet />
        </main>
      </Document>
    </I18nextProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "en";
  const { t } = getI18n(locale);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = status === 404 ? t("errors.notFound") : status === 403 ? t("errors.forbidden") : t("errors.generic");
  return (
    <Document locale={locale}>
      <main id="main" className="narrow">
        <h1>{status}</h1>
        <p role="alert">{message}</p>
        <p><a href="/">{data?.company ?? t("app.name")}</a></p>
      </main>
    </Document>
  );
}

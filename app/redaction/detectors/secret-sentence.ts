/**
 * A password in the sentence that names it, with no linking word before it (issue 18, the ninth
 * development set): "ne vem ali velja staro Marela55 al novo Marela56", "geslo od banke
 * Jozica1961", "na listku od vas piše Rt-Gorenje-44", "passcode pk2024". People write the
 * value wherever the sentence puts it; what marks it is its shape, letters with digits, in the
 * clause of a password word.
 *
 * Not a product or a standard with its number (Office365, Win11, base64, utf8mb4), a version,
 * an id, a host name, a hash, a quantity, nor a value that is the object the password is for
 * ("geslo za Office365", "the password for web01") or that a noun follows ("Office365 account").
 */

/** How far after the password word its sentence is read. */
const SENTENCE = 160;
/**
 * A sentence ends at a line break, or at . ! ? before a blank; in configuration, where the next
 * key starts: a brace, ; or &, a comma before a quote, a second : or = ("pass": "x", "host": …).
 */
const SENTENCE_END = /\n|[.!?](?=\s|$)|[{};&]|,[ \t]*["']/g;
const TOKEN = /[^\s"'“”„`<>(),;]{5,64}/gu;
/** The words before the value: a preposition or a possessive makes it what the password is for. */
const OBJECT_BEFORE =
  /(?:^|[\s(])(?:for|za|v|in|on|at|from|pri|do|od|with|iz|of|po|the|my|your|our|moj\p{L}*|tvoj\p{L}*|naš\p{L}*|vaš\p{L}*)[ \t]+$/iu;
/** A noun after the value makes it the owner of the password ("Office365 geslo", "web01 account"). */
const NOUN_AFTER =
  /^[ \t]+(?:passw\p{L}*|gesl\p{L}*|account\p{L}*|račun\p{L}*|login\p{L}*|prijav\p{L}*|app\p{L}*|user\p{L}*|uporabni\p{L}*|admin\p{L}*|portal\p{L}*|server\p{L}*|stre[žz]ni\p{L}*)/iu;

/** Words that a number after them makes a product, a protocol or an encoding, not a password. */
const PRODUCT_WORDS = new Set(
  (
    "office windows win outlook exchange teams sharepoint onedrive azure aws gmail google iphone ipad galaxy pixel android ios " +
    "macos mac macbook imac ubuntu debian centos rhel php python node mysql sql postgres postgresql java wordpress wp joomla " +
    "drupal magento woocommerce prestashop shopify photoshop autocad revit sketchup pantheon minimax excel word access server " +
    "fritzbox fritz mikrotik ubiquiti unifi synology qnap hikvision dahua zyxel tplink asus netgear dell hp lenovo epson canon " +
    "brother samsung huawei xiaomi nokia vodafone telekom wifi wlan ipv mp usb ddr pcie sata raid ram gen rtx gtx core ryzen " +
    "thinkpad latitude optiplex elitebook probook ideapad surface xbox playstation ps nas dsm rt ax ac wpa tls ssl http https " +
    "smtp imap pop sha md mb aes rsa ssh ftp sftp vpn wireguard openvpn ipsec utf base iso rfc cve kb ms sp build version release " +
    "web srv host db app api test demo user admin root guest"
  ).split(" "),
);

/** Letters with digits, as people make passwords; none of the shapes named above. */
export function isPasswordShaped(value: string): boolean {
  if (value.length < 5 || !/\p{L}/u.test(value) || !/\d/.test(value) || /^pk_(?:live|test)_/.test(value)) return false;
  if (/[=@:/\\[\]]/.test(value) || /^0x/i.test(value) || /^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i.test(value)) return false;
  if (/^v?\d+(?:[.-]\d+)+(?:[a-z]|[-.+~]?(?:rc|alpha|beta|pre|dev|patch|build|b|p)\.?\d*)?$/i.test(value) || /^[0-9a-f]{7,}$/.test(value) || /^[0-9a-f-]{12,}$/i.test(value)) return false;
  if (/^#?[A-Z]{1,6}[-_]?\d{2,}$/.test(value) || /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/.test(value)) return false; // OPS-1234, RT-AX58U
  if (/^\d+(?:[.,]\d+)?(?:%|€|\$|[kmgt]b|ms|s|h|min|px|[gm]hz|mbit|gbit|mbps|x|k|m|p|th|st|nd|rd|km|kg|eur)$/i.test(value)) return false;
  if (/^\d+-\p{L}+$/u.test(value)) return false; // 4-digit, 12-mestno
  const words = value.toLowerCase().match(/\p{L}+/gu)!;
  if (words.every((w) => PRODUCT_WORDS.has(w))) return false;
  return !(PRODUCT_WORDS.has(words[0]!) && /^\p{L}+[-_ ]?\d{1,4}$/u.test(value));
}

/** The sentence after a password word, read from `from`: pushes every password-shaped value in it. */
export function shapedValuesInSentence(text: string, from: number, push: (start: number, end: number) => void): number {
  // only the window is searched: a text without a sentence's end must not be read to its end for every cue
  const window = text.slice(from, from + SENTENCE);
  SENTENCE_END.lastIndex = 0;
  const stop = SENTENCE_END.exec(window);
  let length = stop === null ? window.length : stop.index;
  const sign = window.slice(0, length).search(/[:=]/);
  if (sign !== -1) {
    const next = window.slice(sign + 1, length).search(/[:=]/);
    if (next !== -1) length = sign + 1 + next;
  }
  const to = from + length;
  const sentence = window.slice(0, length);
  if (!/\d/.test(sentence)) return to; // most sentences: no value has a digit
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(sentence); token !== null; token = TOKEN.exec(sentence)) {
    const value = token[0].replace(/[.,;:!?)]+$/, "");
    const start = from + token.index;
    const end = start + value.length;
    if (!isPasswordShaped(value) || OBJECT_BEFORE.test(text.slice(Math.max(0, start - 20), start)) || NOUN_AFTER.test(text.slice(end, end + 24))) continue;
    push(start, end);
  }
  return to;
}

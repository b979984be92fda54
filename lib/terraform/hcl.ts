/**
 * Reading the one Terraform expression policies are commonly written with besides JSON:
 * `${jsonencode({ "Version" = "2012-10-17", "Statement" = [ ... ] })}`, which `Fn.jsonencode` in
 * cdktf and hand-written Terraform produce. Only literal syntax is read: objects (`=` or `:`),
 * tuples, strings, numbers, booleans and null. A reference (`aws_kms_key.k.arn`) becomes the
 * template `${aws_kms_key.k.arn}`, which the reference resolver then reads like any string; any
 * other expression (a function call, a conditional, a `for`) makes the whole value unreadable.
 * https://developer.hashicorp.com/terraform/language/expressions/types
 */
import type { JsonValue } from './types';

class Unreadable extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  public parseAll(): JsonValue {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) throw new Unreadable('trailing text');
    return v;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private value(): JsonValue {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.string();
    const rest = this.s.slice(this.i);
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    const word = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*/.exec(rest);
    if (!word) throw new Unreadable(`unexpected ${JSON.stringify(rest.slice(0, 10))}`);
    this.i += word[0].length;
    if (word[0] === 'true') return true;
    if (word[0] === 'false') return false;
    if (word[0] === 'null') return null;
    this.ws();
    // A function call or an operator after a name is an expression we do not evaluate.
    if (this.i < this.s.length && !/[,}\]]/.test(this.s[this.i])) throw new Unreadable(`expression after ${word[0]}`);
    if (!word[0].includes('.')) throw new Unreadable(`bare name ${word[0]}`);
    return `\${${word[0]}}`;
  }

  private string(): string {
    let j = this.i + 1;
    while (j < this.s.length && this.s[j] !== '"') j += this.s[j] === '\\' ? 2 : 1;
    if (j >= this.s.length) throw new Unreadable('unterminated string');
    const text = this.s.slice(this.i, j + 1);
    this.i = j + 1;
    return JSON.parse(text) as string;
  }

  private tuple(): JsonValue[] {
    this.i++;
    const out: JsonValue[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') throw new Unreadable('expected , or ]');
    }
  }

  private object(): { [key: string]: JsonValue } {
    this.i++;
    const out: { [key: string]: JsonValue } = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      let key: string;
      if (this.s[this.i] === '"') key = this.string();
      else {
        const m = /^[A-Za-z_][\w-]*/.exec(this.s.slice(this.i));
        if (!m) throw new Unreadable('expected a key');
        key = m[0];
        this.i += key.length;
      }
      this.ws();
      if (this.s[this.i] !== '=' && this.s[this.i] !== ':') throw new Unreadable('expected = or :');
      this.i++;
      out[key] = this.value();
      this.ws();
      if (this.s[this.i] === ',') this.i++;
    }
  }
}

/**
 * The value of `${jsonencode(<literal>)}` as JSON, or `undefined` when `raw` is not exactly that
 * or holds an expression beyond literals and references (then the policy is unreadable).
 */
export function jsonencodeValue(raw: string): JsonValue | undefined {
  const m = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(raw.trim());
  if (!m) return undefined;
  try {
    return new Parser(m[1]).parseAll();
  } catch (e) {
    if (e instanceof Unreadable || e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/**
 * Where a JSON text first goes wrong, as line and column, for input-file error messages. `JSON.parse`
 * messages vary between engines and can quote the input (a license file holds its license key), so the
 * position and reason come from this small scanner instead.
 */

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

class Scan {
  pos = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    throw Object.assign(new Error(reason), { at });
  }

  ws(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.pos))) this.pos++;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  describe(): string {
    if (this.pos >= this.text.length) return 'unexpected end of input';
    const ch = this.peek();
    return `unexpected character ${JSON.stringify(ch)}`;
  }

  expect(ch: string, what: string): void {
    this.ws();
    if (this.peek() !== ch) this.fail(`expected ${what}, found ${this.pos >= this.text.length ? 'the end of the input' : JSON.stringify(this.peek())}`);
    this.pos++;
  }

  value(): void {
    this.ws();
    const ch = this.peek();
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.fail(this.describe() + (ch === "'" ? ' (JSON strings use double quotes)' : ''));
  }

  object(): void {
    this.pos++;
    this.ws();
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.peek() !== '"') this.fail(this.peek() === '}' ? 'trailing comma before }' : `expected a double-quoted property name, ${this.describe()}`);
      this.string();
      this.expect(':', "':' after the property name");
      this.value();
      this.ws();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      this.expect('}', "',' or '}' after the property value");
      return;
    }
  }

  array(): void {
    this.pos++;
    this.ws();
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      if (this.peek() === ',') {
        this.pos++;
        this.ws();
        if (this.peek() === ']') this.fail('trailing comma before ]');
        continue;
      }
      this.expect(']', "',' or ']' after the array element");
      return;
    }
  }

  string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text.charAt(this.pos);
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch === '\\') {
        const next = this.text.charAt(this.pos + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('bad \\u escape in a string');
          this.pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next) || next === '') this.fail('bad escape in a string');
        this.pos += 2;
        continue;
      }
      if (ch < ' ') this.fail('control character in a string (newlines must be written \\n)');
      this.pos++;
    }
    this.fail('unterminated string');
  }

  number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) this.fail('malformed number');
    this.pos += m[0].length;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charAt(i) === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The first syntax problem of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const scan = new Scan(text);
  try {
    scan.ws();
    if (scan.pos >= text.length) scan.fail('the input is empty');
    scan.value();
    scan.ws();
    if (scan.pos < text.length) scan.fail('unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    const at = (error as { at?: number }).at ?? scan.pos;
    return { ...lineColumn(text, at), reason: (error as Error).message };
  }
}

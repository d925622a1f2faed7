import { ConfigError } from './mock-errors.js';

/**
 * The JSON files the emulator reads (config, fixtures, state) hold secret keys, passwords and
 * their hashes, so an error about one says what is wrong and where, never the text around it:
 * V8's own JSON.parse message quotes the text near the fault.
 */

/** Fatal: a byte that is not UTF-8 is refused rather than replaced by U+FFFD. A leading BOM is dropped. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a JSON file's bytes (or text) into a value. A ConfigError names the file by `label`
 * ("config file x.json") and the line and column of the first fault, with `after` added, and
 * never quotes the text.
 */
export function parseJsonFile(content: Uint8Array | string, label: string, after = ''): unknown {
  let text: string;
  try {
    text = typeof content === 'string' ? content : utf8.decode(content);
  } catch {
    throw new ConfigError(`${label} is not UTF-8 text${after}`);
  }
  // A BOM is taken as bodies take it, whether or not the text came through the decoder.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const { line, column } = lineAndColumn(body, firstFault(body));
    throw new ConfigError(`${label} is not valid JSON (line ${line}, column ${column})${after}`);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * The offset at which text that JSON.parse refused stops being JSON (RFC 8259): a scan of the
 * grammar, run only on that error path, since V8 gives no position it does not pair with text.
 * jsonc-parser, which gives an offset without the text, places an unterminated string at its
 * opening quote; this scan names the character that breaks it, where the user must look.
 */
function firstFault(text: string): number {
  let i = 0;
  const stop = new Error('fault');
  const fail = (): never => {
    throw stop;
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const expect = (char: string): void => {
    space();
    if (text.charAt(i) !== char) fail();
    i++;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      if (i >= text.length) fail();
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return;
      }
      if (code < 0x20) fail();
      if (code !== 0x5c) {
        i++;
        continue;
      }
      const escaped = text.charAt(i + 1);
      if ('"\\/bfnrt'.includes(escaped) && escaped !== '') i += 2;
      else if (escaped === 'u' && ((HEX4.lastIndex = i + 2), HEX4.test(text))) i += 6;
      else {
        i++;
        fail();
      }
    }
  };
  const value = (): void => {
    space();
    const char = text.charAt(i);
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      space();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          string();
          expect(':');
        }
        value();
        space();
        if (text.charAt(i) === ',') i++;
        else return expect(close);
      }
    }
    if (char === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word === undefined) fail();
    i += (word as string).length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch {
    // The fault, or a nesting deeper than the stack: either way, the scan stopped at i.
  }
  return i;
}

import sjson from 'secure-json-parse';

/** Made once: every call's body is parsed with it. */
const DROP_PROTOTYPE_KEYS = { protoAction: 'remove', constructorAction: 'remove' } as const;

/**
 * JSON text parsed with `__proto__` and `constructor.prototype` keys dropped, so that no key of
 * a client's body can reach a prototype; throws as JSON.parse does on text that is not JSON.
 */
export const parseJsonText = (text: string): unknown => sjson.parse(text, undefined, DROP_PROTOTYPE_KEYS);

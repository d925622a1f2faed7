import type { TObject, TSchema } from '@sinclair/typebox';

/** The nine sections of the vendor's REST API, as its description tags them. */
export type Section =
  | 'account'
  | 'single_chat'
  | 'all_member_push'
  | 'portrait'
  | 'relationships'
  | 'recent_contact'
  | 'group'
  | 'mute'
  | 'operation';

/**
 * One documented vendor command. The schemas are functions, so that building them costs nothing
 * until the command is first called (start-up does not grow with the size of the API).
 */
export interface CatalogueEntry {
  section: Section | (string & {});
  service: string;
  command: string;
  /** The vendor's page for the command. */
  page: string | undefined;
  /** The request body: required fields, types, enums and limits. */
  request: () => TSchema;
  /** The fields an OK reply adds to ActionStatus, ErrorInfo and ErrorCode. */
  reply: () => TObject;
}

/** A command's section, service, command and vendor page, as a catalogue lists them. */
export type CatalogueName = readonly [section: Section, service: string, command: string, page: string | undefined];

/** A command's request schema and reply fields. */
export type CatalogueSchemas = readonly [request: () => TSchema, reply: () => TObject];

/**
 * Catalogue entries from their names and, in the same order, their schemas. The schemas come
 * from a function called on the first stub call: V8 compiles a module's top level when it is
 * imported, and the schemas of some 75 commands, even behind functions of their own, cost more
 * to compile than the rest of what a start imports.
 */
export function catalogueOf(
  names: readonly CatalogueName[],
  schemas: () => readonly CatalogueSchemas[],
): CatalogueEntry[] {
  let built: readonly CatalogueSchemas[] | undefined;
  const schemasOf = (index: number): CatalogueSchemas => (built ??= schemas())[index] as CatalogueSchemas;
  return names.map(([section, service, command, page], index) => ({
    section,
    service,
    command,
    page,
    request: () => schemasOf(index)[0](),
    reply: () => schemasOf(index)[1](),
  }));
}

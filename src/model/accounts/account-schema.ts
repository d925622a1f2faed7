import { Type, type SchemaOptions } from '@sinclair/typebox';

/** The largest 32-bit unsigned integer: an SDKAppID, the URL's `random` and a fault's seed are one. */
export const UINT32_MAX = 4294967295;

/** SDKAppIDs are 32-bit unsigned integers; 0 is no app. */
export const SdkAppId = Type.Integer({ minimum: 1, maximum: UINT32_MAX, description: "the app's SDKAppID" });

/** The account kinds (`AccountKind`), as schemas name them. */
export const AccountKindSchema = (options: SchemaOptions = {}) => Type.Union([Type.Literal('hosted'), Type.Literal('standalone')], options);

/** A hosted account's IdentifierType (`IdentifierType`): 1 phone, 2 email, 3 string account. */
export const IdentifierTypeSchema = (options: SchemaOptions = {}) =>
  Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], options);

/** A standalone account's `Type` (`ProfileType`): 0 ordinary account, 1 robot. */
export const ProfileTypeSchema = (options: SchemaOptions = { description: '0: ordinary account, 1: robot' }) =>
  Type.Union([Type.Literal(0), Type.Literal(1)], options);

/**
 * The one place that loads `@peculiar/x509`.
 *
 * @remarks `@peculiar/x509` 2.x depends on tsyringe, which throws at load time unless a
 * `Reflect.getMetadata` polyfill is present, so `reflect-metadata` must be evaluated first.
 * ESM evaluates sibling imports in order, which this module relies on. Every other pki file
 * imports `x509` from here, never from the package directly.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto);

export { x509 };

import { describe, expectTypeOf, it } from 'vitest';
import type { Ref } from 'vue';
import {
  injectPasswordless,
  usePasswordless,
  usePasswordlessSelector,
  type PasswordlessActionName,
  type PasswordlessActorRef,
  type PasswordlessErrorInfo,
  type PasswordlessFlowState,
  type PasswordlessStep,
  type UsePasswordlessResult,
  type UsePasswordlessServerResult,
} from '../src/index.ts';

const browser = () => usePasswordless({ clientId: 'app', domain: 'tenant.eu.auth0.com' });
const server = () => usePasswordless({ server: '/auth/passwordless' });

describe('the Vue adapter’s public types', () => {
  it('usePasswordless: browser options give the actor, server options give none', () => {
    expectTypeOf(browser).returns.toEqualTypeOf<UsePasswordlessResult>();
    expectTypeOf(server).returns.toEqualTypeOf<UsePasswordlessServerResult>();
    expectTypeOf<UsePasswordlessResult['actorRef']>().toEqualTypeOf<PasswordlessActorRef>();
    expectTypeOf<UsePasswordlessServerResult['actorRef']>().toEqualTypeOf<undefined>();
  });

  it('the reactive view is read-only and typed to the field, with no `any`', () => {
    expectTypeOf<UsePasswordlessResult['step']>().toEqualTypeOf<PasswordlessStep>();
    expectTypeOf<UsePasswordlessResult['error']>().toEqualTypeOf<PasswordlessErrorInfo | null>();
    expectTypeOf<UsePasswordlessResult['can']>().toEqualTypeOf<Record<PasswordlessActionName, boolean>>();
    expectTypeOf<UsePasswordlessResult['mfa']>().not.toBeAny();
    const view = {} as UsePasswordlessResult;
    // @ts-expect-error the view is read-only: change it through the actions
    view.step = 'code';
  });

  it('actions take exactly their arguments', () => {
    expectTypeOf<UsePasswordlessResult['submitCode']>().parameters.toEqualTypeOf<[otp: string]>();
    expectTypeOf<UsePasswordlessResult['selectAuthenticator']>().parameters.toEqualTypeOf<
      [authenticatorId: string]
    >();
  });

  it('options are checked', () => {
    // @ts-expect-error a client needs `clientId`
    expectTypeOf(usePasswordless).toBeCallableWith({ domain: 'tenant.eu.auth0.com' });
  });

  it('injection and selectors keep their types', () => {
    expectTypeOf(injectPasswordless).returns.toEqualTypeOf<PasswordlessFlowState>();
    const selectStep = () => usePasswordlessSelector((view) => view.step);
    expectTypeOf(selectStep).returns.toEqualTypeOf<Readonly<Ref<PasswordlessStep>>>();
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import {
  usePasswordless,
  usePasswordlessContext,
  usePasswordlessSelector,
  type PasswordlessActionName,
  type PasswordlessActorRef,
  type PasswordlessErrorInfo,
  type PasswordlessStep,
  type UsePasswordlessResult,
  type UsePasswordlessServerResult,
} from '../src/index.ts';

const browser = () => usePasswordless({ clientId: 'app', domain: 'tenant.eu.auth0.com' });
const server = () => usePasswordless({ server: '/auth/passwordless' });

describe('the React adapter’s public types', () => {
  it('usePasswordless: browser options give the actor, server options give none', () => {
    expectTypeOf(browser).returns.toEqualTypeOf<UsePasswordlessResult>();
    expectTypeOf(server).returns.toEqualTypeOf<UsePasswordlessServerResult>();
    expectTypeOf<UsePasswordlessResult['actorRef']>().toEqualTypeOf<PasswordlessActorRef>();
    expectTypeOf<UsePasswordlessServerResult['actorRef']>().toEqualTypeOf<undefined>();
  });

  it('the view is typed to the field, with no `any`', () => {
    expectTypeOf<UsePasswordlessResult['step']>().toEqualTypeOf<PasswordlessStep>();
    expectTypeOf<UsePasswordlessResult['error']>().toEqualTypeOf<PasswordlessErrorInfo | null>();
    expectTypeOf<UsePasswordlessResult['can']>().toEqualTypeOf<Record<PasswordlessActionName, boolean>>();
    expectTypeOf<UsePasswordlessResult['mfa']>().not.toBeAny();
    expectTypeOf<UsePasswordlessResult['session']>().not.toBeAny();
    expectTypeOf<UsePasswordlessResult['user']>().not.toBeAny();
  });

  it('actions take exactly their arguments', () => {
    expectTypeOf<UsePasswordlessResult['submitIdentifier']>().parameters.toEqualTypeOf<
      [identifier: string, options?: { connection?: 'email' | 'sms'; send?: 'code' | 'link' }]
    >();
    expectTypeOf<UsePasswordlessResult['submitCode']>().parameters.toEqualTypeOf<[otp: string]>();
    expectTypeOf<UsePasswordlessResult['enroll']>()
      .parameter(0)
      .toEqualTypeOf<'otp' | 'sms' | 'voice' | 'email' | 'push'>();
  });

  it('options are checked', () => {
    // @ts-expect-error a client needs `clientId`
    expectTypeOf(usePasswordless).toBeCallableWith({ domain: 'tenant.eu.auth0.com' });
    // @ts-expect-error `send` is `code` or `link`
    expectTypeOf(usePasswordless).toBeCallableWith({ clientId: 'app', domain: 'd', send: 'sms' });
  });

  it('selectors and the context keep the selected type', () => {
    const selectStep = () => usePasswordlessSelector((view) => view.step);
    expectTypeOf(selectStep).returns.toEqualTypeOf<PasswordlessStep>();
    expectTypeOf(usePasswordlessContext).returns.toHaveProperty('actorRef');
    expectTypeOf<ReturnType<typeof usePasswordlessContext>['actorRef']>().toEqualTypeOf<
      PasswordlessActorRef | undefined
    >();
  });
});

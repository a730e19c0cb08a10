import { ValidateBy, ValidationOptions } from 'class-validator';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text PostgreSQL can store: no NUL character (text and jsonb refuse it) and no lone UTF-16
 * surrogate (jsonb refuses its escape). Without this a fuzzed body would be a 500, not a 400.
 */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStorableText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || (!value.includes('\u0000') && !LONE_SURROGATE.test(value)),
        defaultMessage: (args) => `${args?.property ?? 'text'} must not contain NUL characters or unpaired surrogates`,
      },
    },
    options,
  );
}

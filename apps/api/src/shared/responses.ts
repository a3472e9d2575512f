import { errorBodySchema } from '@bu/shared';

/**
 * The error answers every route may give, declared once: they document the contract's error shape
 * in the OpenAPI document and are serialised through the same schema.
 */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  413: errorBodySchema,
  415: errorBodySchema,
  422: errorBodySchema,
  429: errorBodySchema,
  503: errorBodySchema,
};

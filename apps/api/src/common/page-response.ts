import { HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiErrorBody } from './api-error';

/**
 * Runs a server-rendered page's handler (sign-in links, single sign-on): its answers carry
 * one-time tokens or codes, so they are never cached and never leak through Referer; a refusal
 * becomes the page `renderError` draws for a browser, and stays the one JSON error shape for a
 * client that asks for JSON.
 */
export async function respondWithPage(
  reply: FastifyReply,
  accept: string | undefined,
  renderError: (status: number, message: string) => string,
  act: () => Promise<void>,
): Promise<void> {
  void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  try {
    await act();
  } catch (error) {
    if (!(error instanceof HttpException) || accept?.includes('application/json')) throw error;
    const body = error.getResponse() as ApiErrorBody;
    void reply
      .status(error.getStatus())
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderError(error.getStatus(), body.message ?? error.message));
  }
}

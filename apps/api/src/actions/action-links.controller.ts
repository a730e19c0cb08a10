import { Body, Controller, Get, Headers, HttpException, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ApiErrorBody } from '../common/api-error';
import { ActionDecisionDto } from './action-decision.dto';
import { ActionLinksService } from './action-links.service';
import { REVIEW_CHECKLIST_ITEMS } from '@aigov/domain/review-checklist';
import type { ReviewDecisionDetails } from '../tasks/task-decision.service';
import { renderActionError, renderDecisionDone, renderDecisionForm } from './action-page.template';
import { RateLimit } from '../rate-limit/rate-limit.decorator';

const HTML = 'text/html; charset=utf-8';

/** The review form's flat fields as a review decision's checklist, evidence and corrective action. */
function reviewDetailsFromForm(dto: ActionDecisionDto): ReviewDecisionDetails {
  const form = dto as unknown as Record<string, string | undefined>;
  if (!REVIEW_CHECKLIST_ITEMS.some((item) => form[item])) return {};
  const checklist = Object.fromEntries(
    REVIEW_CHECKLIST_ITEMS.filter((item) => form[item]).map((item) => [item, { result: form[item]!, note: form[`${item}_note`] }]),
  );
  const evidence = dto.evidence_uri ? [{ label: dto.evidence_label?.trim() || dto.evidence_uri, uri: dto.evidence_uri }] : [];
  const correctiveAction =
    dto.corrective_title?.trim() ? { title: dto.corrective_title.trim(), description: dto.corrective_description?.trim() || dto.corrective_title.trim() } : undefined;
  return { checklist, evidence, ...(correctiveAction ? { correctiveAction } : {}) };
}

/**
 * Pages behind the links in task emails (outside /api/v1, since people open them in a browser).
 * Errors are pages for browsers and the usual JSON error for clients that ask for JSON.
 */
@ApiExcludeController()
@Public()
// Tokens are unguessable; the limit makes trying them, or hammering a page, cost the caller time.
@RateLimit({ name: 'actions', by: 'ip' })
@Controller('actions')
export class ActionLinksController {
  constructor(private readonly links: ActionLinksService) {}

  @Get(':token')
  async page(@Param('token') token: string, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    await this.respond(reply, accept, async () => renderDecisionForm(await this.links.describe(token)));
  }

  @Post(':token')
  async decide(
    @Param('token') token: string,
    @Body() dto: ActionDecisionDto,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.respond(reply, accept, async () => {
      const result = await this.links.decide(token, dto.decision, dto.comment, reviewDetailsFromForm(dto));
      return renderDecisionDone(dto.decision, result.system?.name ?? result.subjectName, result.system?.stage ?? null);
    });
  }

  private async respond(reply: FastifyReply, accept: string | undefined, render: () => Promise<string>): Promise<void> {
    // Links must not be cached or leak through Referer headers.
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    try {
      const html = await render();
      void reply.status(200).header('content-type', HTML).send(html);
    } catch (error) {
      if (!(error instanceof HttpException) || accept?.includes('application/json')) throw error;
      const body = error.getResponse() as ApiErrorBody;
      void reply.status(error.getStatus()).header('content-type', HTML).send(renderActionError(error.getStatus(), body.message ?? error.message));
    }
  }
}

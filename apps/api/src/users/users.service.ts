import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { UserEntity } from '@aigov/persistence/entities';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { activeAdminExists, BOOTSTRAP_ADMIN_LOCK, BOOTSTRAP_ADMIN_ONLY_CREATES_ADMIN, BOOTSTRAP_ADMIN_SPENT } from '../auth/bootstrap-admin';
import type { Principal } from '../auth/principal';
import { badRequest, conflict, forbidden, notFound } from '../common/api-error';
import type { Page } from '../common/pagination';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { CreatedUserView, toUserView, UserView } from './dto/user.view';
import type { UserDirectoryView } from './dto/directory.dto';
import { requireActiveUser } from '../common/request-checks';
import { SessionsService } from '../sessions/sessions.service';

/** The most people one directory answer lists. */
const DIRECTORY_LIMIT = 500;

const actorFields = (p: Principal) =>
  p.kind === 'user' ? { actorId: p.id, actorLabel: p.email } : { actorId: null, actorLabel: 'bootstrap-admin' };

/** People and their roles. Every change is an audit event in the user's own stream. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  async create(dto: CreateUserDto, by: Principal): Promise<CreatedUserView> {
    return this.dataSource.transaction(async (tx) => {
      if (by.kind === 'bootstrap_admin') await this.requireFirstAdmin(tx, dto);
      const users = tx.getRepository(UserEntity);
      const email = dto.email.toLowerCase();
      if (await users.exist({ where: { email } })) throw conflict(`a user with email ${email} already exists`, 'email');
      await this.requireUser(tx, dto.managerId, 'managerId');
      await this.requireUser(tx, dto.outOfOfficeDelegateId, 'outOfOfficeDelegateId');
      const entity = users.create({
        id: randomUUID(),
        email,
        name: dto.name.trim(),
        roles: dto.roles,
        managerId: dto.managerId ?? null,
        outOfOfficeDelegateId: dto.outOfOfficeDelegateId ?? null,
        active: true,
        createdAt: this.clock.now(),
      });
      await users.insert(entity);
      const token = await this.apiTokens.issueInitial(tx, entity.id, by.kind === 'user' ? by.id : null);
      await appendNextAuditEvent(tx, {
        streamId: `user:${entity.id}`,
        eventType: 'user.created',
        ...actorFields(by),
        payload: {
          email,
          roles: dto.roles,
          managerId: entity.managerId,
          outOfOfficeDelegateId: entity.outOfOfficeDelegateId,
          apiToken: { tokenId: token.tokenId, expiresAt: token.expiresAt.toISOString() },
        },
        occurredAt: this.clock.now(),
      });
      return { user: toUserView(entity), token: token.secret };
    });
  }

  /**
   * The bootstrap ADMIN_TOKEN creates the first admin only (bootstrap-admin.ts says why). The
   * guard refused it already if an admin existed; checked again under a lock, so two requests
   * at once cannot both create one.
   */
  private async requireFirstAdmin(tx: EntityManager, dto: CreateUserDto): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [BOOTSTRAP_ADMIN_LOCK]);
    if (await activeAdminExists(tx)) throw forbidden(BOOTSTRAP_ADMIN_SPENT);
    if (!dto.roles.includes('admin')) throw forbidden(BOOTSTRAP_ADMIN_ONLY_CREATES_ADMIN, 'roles');
  }

  async update(id: string, dto: UpdateUserDto, by: Principal): Promise<UserView> {
    return this.dataSource.transaction(async (tx) => {
      const users = tx.getRepository(UserEntity);
      const user = await users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound(`user ${id} does not exist`, 'id');
      if (dto.managerId === id) throw badRequest('a user cannot be their own manager', 'managerId');
      if (dto.outOfOfficeDelegateId === id) throw badRequest('a user cannot be their own delegate', 'outOfOfficeDelegateId');
      if (dto.managerId) await this.requireUser(tx, dto.managerId, 'managerId');
      if (dto.outOfOfficeDelegateId) await this.requireUser(tx, dto.outOfOfficeDelegateId, 'outOfOfficeDelegateId');
      const changes: Partial<UserEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name.trim();
      if (dto.roles !== undefined) changes.roles = dto.roles;
      if (dto.managerId !== undefined) changes.managerId = dto.managerId;
      if (dto.outOfOfficeDelegateId !== undefined) changes.outOfOfficeDelegateId = dto.outOfOfficeDelegateId;
      if (dto.active !== undefined) changes.active = dto.active;
      if (Object.keys(changes).length === 0) throw badRequest('nothing to change', 'body');
      await users.update({ id }, changes);
      // A deactivated person is signed out everywhere and their API tokens revoked, at once, in
      // the same transaction; reactivating them later brings neither back.
      if (changes.active === false && user.active) {
        await this.sessions.endAllForUser(tx, id, 'deactivated');
        await this.apiTokens.revokeAllForUser(tx, id, 'deactivated');
      }
      await appendNextAuditEvent(tx, {
        streamId: `user:${id}`,
        eventType: 'user.updated',
        ...actorFields(by),
        payload: changes,
        occurredAt: this.clock.now(),
      });
      return toUserView({ ...user, ...changes });
    });
  }

  async list(page: number, pageSize: number): Promise<Page<UserView>> {
    const [rows, total] = await this.dataSource.getRepository(UserEntity).findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toUserView), page, pageSize, total };
  }

  /**
   * Active people by name, for choosing an owner, attendee or approver in the web application
   * (only admins list users with their roles). Deactivated people are left out: none of those
   * fields accepts them.
   */
  async directory(q: string | undefined, limit = DIRECTORY_LIMIT): Promise<UserDirectoryView> {
    const search = q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows: Array<{ id: string; name: string; email: string }> = await this.dataSource.query(
      `SELECT id, name, email FROM users
        WHERE active AND ($1::text IS NULL OR name ILIKE $1 OR email ILIKE $1)
        ORDER BY lower(name), email LIMIT $2`,
      [search, limit + 1],
    );
    return { items: rows.slice(0, limit), limit, truncated: rows.length > limit };
  }

  async get(id: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id } });
    if (!user) throw notFound(`user ${id} does not exist`, 'id');
    return toUserView(user);
  }

  private async requireUser(tx: EntityManager, id: string | undefined, field: string): Promise<void> {
    if (id) await requireActiveUser(tx, id, field);
  }
}

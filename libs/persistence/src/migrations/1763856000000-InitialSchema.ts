import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first schema, written by hand so that what runs in production is exactly what was
 * reviewed. Constraint and index names match the entity decorators, so TypeORM's schema diff
 * stays empty. Foreign keys RESTRICT deletes: governance evidence is never removed by cascade.
 */
export class InitialSchema1763856000000 implements MigrationInterface {
  // Kept explicit so a minifier that renames classes cannot change the recorded migration name.
  name = 'InitialSchema1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        token_hash text NOT NULL,
        manager_id uuid NULL,
        out_of_office_delegate_id uuid NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT uq_users_email UNIQUE (email),
        CONSTRAINT uq_users_token_hash UNIQUE (token_hash),
        CONSTRAINT ck_users_email_lower_case CHECK (email = lower(email)),
        CONSTRAINT ck_users_token_hash_sha256 CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT fk_users_manager FOREIGN KEY (manager_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT fk_users_out_of_office_delegate FOREIGN KEY (out_of_office_delegate_id) REFERENCES users (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX idx_users_manager_id ON users (manager_id)`);

    await queryRunner.query(`
      CREATE TABLE ai_systems (
        id uuid NOT NULL,
        name text NOT NULL,
        purpose text NOT NULL,
        intended_use text NOT NULL,
        accountable_owner_id uuid NOT NULL,
        business_unit text NOT NULL,
        data_sources jsonb NOT NULL,
        data_categories jsonb NOT NULL,
        personal_data boolean NOT NULL,
        special_category_data boolean NOT NULL,
        model_type text NOT NULL,
        vendor_type text NOT NULL,
        vendor_name text NULL,
        deployment_context text NOT NULL,
        affected_stakeholders jsonb NOT NULL,
        autonomy_level text NOT NULL,
        stage text NOT NULL,
        risk_tier text NULL,
        risk_reasons jsonb NULL,
        current_version text NULL,
        last_approved_version text NULL,
        approval_round integer NOT NULL DEFAULT 0,
        stage_entered_at timestamptz NOT NULL,
        next_review_at timestamptz NULL,
        submitted_by_id uuid NULL,
        created_by_id uuid NOT NULL,
        workflow_id text NOT NULL,
        projection_seq integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ai_systems PRIMARY KEY (id),
        CONSTRAINT uq_ai_systems_workflow_id UNIQUE (workflow_id),
        CONSTRAINT ck_ai_systems_vendor_type CHECK (vendor_type IN ('in_house', 'third_party')),
        CONSTRAINT fk_ai_systems_accountable_owner FOREIGN KEY (accountable_owner_id) REFERENCES users (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX idx_ai_systems_stage ON ai_systems (stage)`);
    await queryRunner.query(`CREATE INDEX idx_ai_systems_risk_tier ON ai_systems (risk_tier)`);
    await queryRunner.query(`CREATE INDEX idx_ai_systems_accountable_owner_id ON ai_systems (accountable_owner_id)`);
    await queryRunner.query(`CREATE INDEX idx_ai_systems_stage_risk_tier ON ai_systems (stage, risk_tier)`);

    await queryRunner.query(`
      CREATE TABLE stage_transitions (
        id bigserial NOT NULL,
        ai_system_id uuid NOT NULL,
        seq integer NOT NULL,
        from_stage text NULL,
        to_stage text NOT NULL,
        action text NOT NULL,
        actor_id uuid NULL,
        reason text NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT pk_stage_transitions PRIMARY KEY (id),
        CONSTRAINT uq_stage_transitions_ai_system_seq UNIQUE (ai_system_id, seq),
        CONSTRAINT fk_stage_transitions_ai_system FOREIGN KEY (ai_system_id) REFERENCES ai_systems (id) ON DELETE RESTRICT
      )`);

    await queryRunner.query(`
      CREATE TABLE impact_assessments (
        id uuid NOT NULL,
        ai_system_id uuid NOT NULL,
        version integer NOT NULL,
        template_version text NOT NULL,
        answers jsonb NOT NULL,
        risk_tier text NOT NULL,
        reasons jsonb NOT NULL,
        submitted_by_id uuid NOT NULL,
        submitted_at timestamptz NOT NULL,
        CONSTRAINT pk_impact_assessments PRIMARY KEY (id),
        CONSTRAINT uq_impact_assessments_ai_system_version UNIQUE (ai_system_id, version),
        CONSTRAINT fk_impact_assessments_ai_system FOREIGN KEY (ai_system_id) REFERENCES ai_systems (id) ON DELETE RESTRICT
      )`);

    await queryRunner.query(`
      CREATE TABLE tasks (
        id uuid NOT NULL,
        ai_system_id uuid NOT NULL,
        kind text NOT NULL,
        workflow_id text NOT NULL,
        round integer NOT NULL,
        step_name text NULL,
        step_index integer NULL,
        assignee_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'open',
        title text NOT NULL,
        decision text NULL,
        comment text NULL,
        decided_by_id uuid NULL,
        decided_at timestamptz NULL,
        delegated_from_id uuid NULL,
        due_at timestamptz NULL,
        reminded_at timestamptz NULL,
        escalated_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_tasks PRIMARY KEY (id),
        CONSTRAINT ck_tasks_kind CHECK (kind IN ('approval', 'review')),
        CONSTRAINT ck_tasks_status CHECK (status IN ('open', 'decided', 'cancelled', 'expired')),
        CONSTRAINT fk_tasks_ai_system FOREIGN KEY (ai_system_id) REFERENCES ai_systems (id) ON DELETE RESTRICT,
        CONSTRAINT fk_tasks_assignee FOREIGN KEY (assignee_id) REFERENCES users (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX idx_tasks_assignee_id_status ON tasks (assignee_id, status)`);
    await queryRunner.query(`CREATE INDEX idx_tasks_ai_system_id_status ON tasks (ai_system_id, status)`);
    await queryRunner.query(`CREATE INDEX idx_tasks_status_due_at ON tasks (status, due_at)`);

    await queryRunner.query(`
      CREATE TABLE action_tokens (
        id uuid NOT NULL,
        task_id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_action_tokens PRIMARY KEY (id),
        CONSTRAINT uq_action_tokens_token_hash UNIQUE (token_hash),
        CONSTRAINT ck_action_tokens_token_hash_sha256 CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT fk_action_tokens_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE RESTRICT,
        CONSTRAINT fk_action_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX idx_action_tokens_task_id ON action_tokens (task_id)`);
    await queryRunner.query(`CREATE INDEX idx_action_tokens_user_id ON action_tokens (user_id)`);

    await queryRunner.query(`
      CREATE TABLE deployments (
        id uuid NOT NULL,
        ai_system_id uuid NOT NULL,
        version text NOT NULL,
        environment text NOT NULL,
        configuration jsonb NOT NULL,
        approval_round integer NOT NULL,
        kind text NOT NULL,
        deployed_by_id uuid NULL,
        deployed_at timestamptz NOT NULL,
        CONSTRAINT pk_deployments PRIMARY KEY (id),
        CONSTRAINT ck_deployments_kind CHECK (kind IN ('deploy', 'redeploy', 'rollback')),
        CONSTRAINT fk_deployments_ai_system FOREIGN KEY (ai_system_id) REFERENCES ai_systems (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX idx_deployments_ai_system_id_deployed_at ON deployments (ai_system_id, deployed_at)`);

    await queryRunner.query(`
      CREATE TABLE monitoring_events (
        id uuid NOT NULL,
        ai_system_id uuid NOT NULL,
        kind text NOT NULL,
        severity text NOT NULL,
        metric text NULL,
        observed_value double precision NULL,
        threshold double precision NULL,
        source text NULL,
        description text NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_monitoring_events PRIMARY KEY (id),
        CONSTRAINT ck_monitoring_events_kind CHECK (kind IN ('drift', 'bias', 'performance', 'incident')),
        CONSTRAINT ck_monitoring_events_severity CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        CONSTRAINT fk_monitoring_events_ai_system FOREIGN KEY (ai_system_id) REFERENCES ai_systems (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_monitoring_events_ai_system_id_occurred_at ON monitoring_events (ai_system_id, occurred_at)`,
    );

    // No foreign key to ai_systems: the trail has to survive whatever it describes.
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id bigserial NOT NULL,
        stream_id text NOT NULL,
        seq integer NOT NULL,
        ai_system_id uuid NULL,
        event_type text NOT NULL,
        actor_id uuid NULL,
        actor_label text NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT pk_audit_events PRIMARY KEY (id),
        CONSTRAINT uq_audit_events_stream_id_seq UNIQUE (stream_id, seq),
        CONSTRAINT ck_audit_events_seq_positive CHECK (seq >= 1),
        CONSTRAINT ck_audit_events_hash_sha256 CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_audit_events_prev_hash_sha256 CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_audit_events_genesis CHECK ((seq = 1) = (prev_hash = repeat('0', 64)))
      )`);
    await queryRunner.query(`CREATE INDEX idx_audit_events_ai_system_id_seq ON audit_events (ai_system_id, seq)`);
    // The hash chain detects tampering after the fact; the trigger stops the application (or a
    // mistaken script) from rewriting history in the first place.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_forbid_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events are append-only';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_append_only
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_forbid_change()`);

    await queryRunner.query(`
      CREATE TABLE email_outbox (
        id uuid NOT NULL,
        idempotency_key text NOT NULL,
        task_id uuid NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        message_id text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL,
        CONSTRAINT pk_email_outbox PRIMARY KEY (id),
        CONSTRAINT uq_email_outbox_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT ck_email_outbox_status CHECK (status IN ('pending', 'sent'))
      )`);
    await queryRunner.query(`CREATE INDEX idx_email_outbox_status_created_at ON email_outbox (status, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Children before parents; DROP TABLE is not blocked by the row-level audit trigger.
    await queryRunner.query(`DROP TABLE email_outbox`);
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_forbid_change()`);
    await queryRunner.query(`DROP TABLE monitoring_events`);
    await queryRunner.query(`DROP TABLE deployments`);
    await queryRunner.query(`DROP TABLE action_tokens`);
    await queryRunner.query(`DROP TABLE tasks`);
    await queryRunner.query(`DROP TABLE impact_assessments`);
    await queryRunner.query(`DROP TABLE stage_transitions`);
    await queryRunner.query(`DROP TABLE ai_systems`);
    await queryRunner.query(`DROP TABLE users`);
  }
}

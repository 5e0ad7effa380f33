"""e-services: offices and their members, cases with timeline, files and phone checks,
the satisfaction survey; notifications of a case

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 11:00:00

What every e-service module shares (issue 16); each module's own tables come in its own
revisions, kept in its package (`queue_server/eservices/<name>/migrations/`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def _offices() -> None:
    op.create_table(
        'offices',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('code', sa.String(length=40), nullable=False, unique=True),
        sa.Column('name', sa.String(length=160), nullable=False),
        sa.Column('name_en', sa.String(length=160), nullable=False, server_default=''),
        sa.Column('kind', sa.String(length=20), nullable=False, server_default='dinas'),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        # The office's WhatsApp number for escalations (its head is told there).
        sa.Column('phone', sa.String(length=20), nullable=True),
    )
    op.create_table(
        'office_members',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.UniqueConstraint('user_id', 'office_id', 'role'),
    )


def _cases() -> None:
    op.create_table(
        'cases',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('module', sa.String(length=20), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False, unique=True),
        sa.Column('state', sa.String(length=30), nullable=False),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=True),
        sa.Column('opened_at', UTCDateTime(), nullable=False),
        sa.Column('state_since', UTCDateTime(), nullable=False),
        sa.Column('state_due', sa.Date(), nullable=True),
        sa.Column('due', sa.Date(), nullable=True),
        sa.Column('escalated_at', UTCDateTime(), nullable=True),
        sa.Column('closed_at', UTCDateTime(), nullable=True),
        sa.Column('confirmed', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('nik', sa.String(length=16), nullable=True),
        sa.Column('phone', sa.String(length=20), nullable=True),
        sa.Column('name', sa.String(length=120), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
    )
    op.create_index('ix_cases_module_state', 'cases', ['module', 'state'])
    op.create_index('ix_cases_office_state', 'cases', ['office_id', 'state'])
    op.create_table(
        'case_events',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('actor', sa.String(length=80), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('action', sa.String(length=30), nullable=False),
        sa.Column('from_state', sa.String(length=30), nullable=True),
        sa.Column('to_state', sa.String(length=30), nullable=False),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=True),
        sa.Column('comment', sa.Text(), nullable=False, server_default=''),
        sa.Column('public', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('data', sa.JSON(), nullable=False),
    )
    op.create_index('ix_case_events_case', 'case_events', ['case_id', 'id'])


def _case_parts() -> None:
    op.create_table(
        'case_files',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False),
        sa.Column('event_id', sa.Integer(), sa.ForeignKey('case_events.id'), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('content_type', sa.String(length=60), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
    )
    op.create_index('ix_case_files_case', 'case_files', ['case_id'])
    op.create_table(
        'case_checks',
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), primary_key=True),
        sa.Column('code_hash', sa.String(length=128), nullable=False),
        sa.Column('attempts_left', sa.Integer(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('sends', sa.Integer(), nullable=False, server_default='1'),
    )
    op.create_table(
        'surveys',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('subject', sa.String(length=10), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('module', sa.String(length=20), nullable=False),
        sa.Column('facility_id', sa.Integer(), sa.ForeignKey('facilities.id'), nullable=True),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=True),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False, server_default=''),
        sa.Column('submitted_at', UTCDateTime(), nullable=False),
        sa.UniqueConstraint('subject', 'code'),
    )
    op.create_index('ix_surveys_at', 'surveys', ['submitted_at'])


def upgrade() -> None:
    _offices()
    _cases()
    _case_parts()
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.alter_column('ticket_id', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('facility_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('case_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_notifications_case_id', 'cases', ['case_id'], ['id'])


def downgrade() -> None:
    op.execute("DELETE FROM notifications WHERE ticket_id IS NULL")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('fk_notifications_case_id', type_='foreignkey')
        batch_op.drop_column('case_id')
        batch_op.alter_column('facility_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('ticket_id', existing_type=sa.Integer(), nullable=False)
    for index, table in (('ix_surveys_at', 'surveys'), ('ix_case_files_case', 'case_files'),
                         ('ix_case_events_case', 'case_events'),
                         ('ix_cases_office_state', 'cases'), ('ix_cases_module_state', 'cases')):
        op.drop_index(index, table_name=table)
    for table in ('surveys', 'case_checks', 'case_files', 'case_events', 'cases',
                  'office_members', 'offices'):
        op.drop_table(table)

"""admin and reports: service target wait and board flag, wider roles, the audit log

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_wait_minutes', sa.Integer(), nullable=False,
                                      server_default='30'))
        batch_op.add_column(sa.Column('shown_on_boards', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=sa.String(length=12),
                              type_=sa.String(length=20), existing_nullable=False)
    op.create_table(
        'audit_events',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('actor', sa.String(length=80), nullable=False),
        sa.Column('facility_id', sa.Integer(), sa.ForeignKey('facilities.id'), nullable=True),
        sa.Column('object_kind', sa.String(length=20), nullable=False),
        sa.Column('object_code', sa.String(length=80), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('before', sa.JSON(), nullable=True),
        sa.Column('after', sa.JSON(), nullable=True),
    )
    op.create_index('ix_audit_events_facility_at', 'audit_events', ['facility_id', 'at'])
    op.create_index('ix_audit_events_at', 'audit_events', ['at'])


def downgrade() -> None:
    op.drop_index('ix_audit_events_at', table_name='audit_events')
    op.drop_index('ix_audit_events_facility_at', table_name='audit_events')
    op.drop_table('audit_events')
    # The roles before 0010 were admin and operator: a facility admin keeps its counters
    # as an operator, a city user (no facility) is switched off; no row is dropped.
    op.execute("UPDATE users SET active = false WHERE role = 'city'")
    op.execute("UPDATE users SET role = 'operator' WHERE role IN ('facility_admin', 'city')")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=sa.String(length=20),
                              type_=sa.String(length=12), existing_nullable=False)
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_column('shown_on_boards')
        batch_op.drop_column('target_wait_minutes')

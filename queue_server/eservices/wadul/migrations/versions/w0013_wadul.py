"""e-Wadul: complaint categories, complaints, Open311 keys

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 11:10:00

The first module's tables, kept in its own package (queue_server/eservices/wadul).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'wadul_categories',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('code', sa.String(length=40), nullable=False, unique=True),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('name_en', sa.String(length=120), nullable=False, server_default=''),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False, server_default='5'),
        sa.Column('redirect', sa.String(length=300), nullable=True),
        sa.Column('redirect_en', sa.String(length=300), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('position', sa.Integer(), nullable=False, server_default='0'),
    )
    op.create_table(
        'open311_keys',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False, unique=True),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False, server_default=''),
    )
    op.create_table(
        'wadul_reports',
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), primary_key=True),
        sa.Column('category_id', sa.Integer(), sa.ForeignKey('wadul_categories.id'),
                  nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('kelurahan', sa.String(length=80), nullable=False),
        sa.Column('address', sa.String(length=200), nullable=True),
        sa.Column('lat', sa.Float(), nullable=True),
        sa.Column('lon', sa.Float(), nullable=True),
        sa.Column('anonymous', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('confidential', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('entered_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('open311_key_id', sa.Integer(), sa.ForeignKey('open311_keys.id'),
                  nullable=True),
        sa.Column('rating', sa.Integer(), nullable=True),
        sa.Column('duplicate_of', sa.Integer(), sa.ForeignKey('cases.id'), nullable=True),
        sa.Column('answered_at', UTCDateTime(), nullable=True),
    )
    op.create_index('ix_wadul_reports_category', 'wadul_reports', ['category_id'])


def downgrade() -> None:
    op.drop_index('ix_wadul_reports_category', table_name='wadul_reports')
    op.drop_table('wadul_reports')
    op.drop_table('open311_keys')
    op.drop_table('wadul_categories')

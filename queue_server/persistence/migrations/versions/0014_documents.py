"""issued documents and gap-free number sequences

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 14:00:00

Shared by the modules that issue signed PDFs (issue 17: e-Surat's letters, SSW's permits).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'documents',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('code', sa.String(length=16), nullable=False, unique=True),
        sa.Column('module', sa.String(length=20), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=True),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('number', sa.String(length=80), nullable=True),
        sa.Column('issuer', sa.String(length=160), nullable=False),
        sa.Column('issued_at', UTCDateTime(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False, server_default='valid'),
        sa.Column('status_at', UTCDateTime(), nullable=True),
        sa.Column('status_reason', sa.String(length=300), nullable=True),
        sa.Column('replaced_by', sa.String(length=16), nullable=True),
        sa.Column('confidential', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('signer', sa.String(length=20), nullable=False),
        sa.Column('facts', sa.JSON(), nullable=True),
    )
    op.create_index('ix_documents_office_issued', 'documents', ['office_id', 'issued_at'])
    op.create_index('ix_documents_case', 'documents', ['case_id'])
    op.create_index('ix_documents_sha256', 'documents', ['sha256'])
    op.create_table(
        'number_sequences',
        sa.Column('scope', sa.String(length=30), primary_key=True),
        sa.Column('office_id', sa.Integer(), primary_key=True),
        sa.Column('year', sa.Integer(), primary_key=True),
        sa.Column('last', sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('number_sequences')
    op.drop_index('ix_documents_sha256', table_name='documents')
    op.drop_index('ix_documents_case', table_name='documents')
    op.drop_index('ix_documents_office_issued', table_name='documents')
    op.drop_table('documents')

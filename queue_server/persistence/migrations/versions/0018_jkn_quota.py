"""a service's booking places kept for JKN members

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 21:20:00

Issue 19 (BPJS Antrean Online): a day's booking quota split between JKN members and the
others (`services.jkn_quota`; null keeps one shared quota).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('services') as batch:
        batch.add_column(sa.Column('jkn_quota', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('services') as batch:
        batch.drop_column('jkn_quota')

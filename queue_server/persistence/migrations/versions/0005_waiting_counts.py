"""keep each queue's waiting count next to its number

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('daily_sequences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waiting', sa.Integer(), nullable=False,
                                      server_default='0'))
    op.execute(
        "UPDATE daily_sequences SET waiting = (SELECT count(*) FROM tickets t "
        "WHERE t.service_id = daily_sequences.service_id AND t.day = daily_sequences.day "
        "AND t.status = 'waiting')"
    )


def downgrade() -> None:
    with op.batch_alter_table('daily_sequences', schema=None) as batch_op:
        batch_op.drop_column('waiting')

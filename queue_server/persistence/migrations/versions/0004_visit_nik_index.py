"""index visits by nik for the one-booking rule

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 15:39:52.203905
"""

from __future__ import annotations

from alembic import op



revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_nik'), ['nik'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_nik'))



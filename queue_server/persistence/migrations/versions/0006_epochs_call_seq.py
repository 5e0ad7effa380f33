"""epoch per facility, seq on call rows, stored replies for idempotent actions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 23:40:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('epoch', sa.String(length=32), nullable=False,
                                      server_default=''))
    facilities = sa.table('facilities', sa.column('id', sa.Integer),
                          sa.column('epoch', sa.String))
    conn = op.get_bind()
    for (fid,) in conn.execute(sa.select(facilities.c.id)).all():
        conn.execute(facilities.update().where(facilities.c.id == fid)
                     .values(epoch=secrets.token_hex(8)))
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response', sa.JSON(), nullable=True))
        batch_op.alter_column('key', existing_type=sa.String(length=100),
                              type_=sa.String(length=160), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=160),
                              type_=sa.String(length=100), existing_nullable=False)
        batch_op.drop_column('response')
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.drop_column('seq')
    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.drop_column('epoch')

"""Review: verdicts with evidence and reasons, review events for articles, sign-off,
assignment, and login attempts for throttling.

Revision ID: cdddd13dfdcc
Revises: 81d07ea762c8
Create Date: 2026-12-01 07:30:44.923790
"""

from alembic import op
import sqlalchemy as sa


revision = 'cdddd13dfdcc'
down_revision = '81d07ea762c8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('is_success', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempts_address_at', ['address', 'at'], unique=False)
        batch_op.create_index('ix_login_attempts_username_at', ['username', 'at'], unique=False)

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_off_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('signed_off_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_articles_signed_off_by_id_users'), 'users', ['signed_off_by_id'], ['id'])

    with op.batch_alter_table('claims', schema=None) as batch_op:
        # Server defaults fill the rows that exist already.
        batch_op.add_column(sa.Column('reason', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('assigned_to_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_claims_assigned_to_id_users'), 'users', ['assigned_to_id'], ['id'])

    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('article_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('action', sa.String(length=20), nullable=False, server_default='status'))
        batch_op.add_column(sa.Column('reason', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('detail', sa.Text(), nullable=False, server_default=''))
    # Events written before this revision belong to their claim's article.
    op.execute(
        'UPDATE review_events SET article_id = '
        '(SELECT claims.article_id FROM claims WHERE claims.id = review_events.claim_id)'
    )
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.alter_column('article_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('claim_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index('ix_review_events_article_id_id', ['article_id', 'id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_review_events_article_id_articles'), 'articles', ['article_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    # Article-level events (sign-offs) have no claim and cannot be kept.
    op.execute('DELETE FROM review_events WHERE claim_id IS NULL')
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_review_events_article_id_articles'), type_='foreignkey')
        batch_op.drop_index('ix_review_events_article_id_id')
        batch_op.alter_column('claim_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('detail')
        batch_op.drop_column('evidence')
        batch_op.drop_column('reason')
        batch_op.drop_column('action')
        batch_op.drop_column('article_id')

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_claims_assigned_to_id_users'), type_='foreignkey')
        batch_op.drop_column('assigned_to_id')
        batch_op.drop_column('evidence')
        batch_op.drop_column('reason')

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_articles_signed_off_by_id_users'), type_='foreignkey')
        batch_op.drop_column('signed_off_at')
        batch_op.drop_column('signed_off_by_id')

    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempts_username_at')
        batch_op.drop_index('ix_login_attempts_address_at')

    op.drop_table('login_attempts')

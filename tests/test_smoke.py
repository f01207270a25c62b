from weerbaar.accounts.roles import Role


def test_each_role_user_gets_its_group(role_users):
    for role, user in role_users.items():
        assert user.groups.filter(name=f"rol:{role}").exists()
    assert role_users[Role.PROGRAMME].has_perm("network.change_keyfigure")
    assert not role_users[Role.CRISIS].has_perm("network.change_keyfigure")
    assert role_users[Role.CRISIS].has_perm("network.view_keyfigure_contact")
    assert not role_users[Role.PARTNER].has_perm("network.view_keyfigure")

// Minimal stand-in for ankerl::unordered_dense (https://github.com/martinus/unordered_dense),
// which Debian 12 does not package and which cannot be downloaded in this build.
//
// It maps the parts of the API the mediasoup worker uses (map, set, hash) onto
// std::unordered_map / std::unordered_set / std::hash. The std containers give
// stronger iterator/reference stability guarantees than unordered_dense, so
// code written for unordered_dense keeps working; only performance differs.

#ifndef ATRIUM_ANKERL_UNORDERED_DENSE_SHIM_H
#define ATRIUM_ANKERL_UNORDERED_DENSE_SHIM_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl
{
	namespace unordered_dense
	{
		inline namespace v4_8_1
		{
			// unordered_dense::hash<T> falls back to std::hash<T> for every type.
			// The marker tells unordered_dense that no extra mixing is needed;
			// kept for source compatibility only.
			template<class T, class Enable = void>
			struct hash : std::hash<T>
			{
				using is_avalanching = void;
			};

			template<
			  class Key,
			  class T,
			  class Hash      = hash<Key>,
			  class KeyEqual  = std::equal_to<Key>,
			  class Allocator = std::allocator<std::pair<const Key, T>>>
			using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

			template<
			  class Key,
			  class Hash      = hash<Key>,
			  class KeyEqual  = std::equal_to<Key>,
			  class Allocator = std::allocator<Key>>
			using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;

			template<
			  class Key,
			  class T,
			  class Hash      = hash<Key>,
			  class KeyEqual  = std::equal_to<Key>,
			  class Allocator = std::allocator<std::pair<const Key, T>>>
			using segmented_map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

			template<
			  class Key,
			  class Hash      = hash<Key>,
			  class KeyEqual  = std::equal_to<Key>,
			  class Allocator = std::allocator<Key>>
			using segmented_set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
		} // namespace v4_8_1
	} // namespace unordered_dense
} // namespace ankerl

#endif
